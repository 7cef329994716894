import type { MessageKey } from './catalogues/en';
import { CATALOGUES, DEFAULT_LANGUAGE, type Language } from './languages';

export type { MessageKey } from './catalogues/en';
export type MessageParams = Record<string, string | number>;

/** Keys that come in plural forms (`x.one`, `x.other`), named without the form. */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}.one` ? Base : never }[MessageKey];

/** A text to show, not yet translated: services return these, the renderer translates them. */
export type Translatable =
  | { key: MessageKey; params?: MessageParams; plural?: undefined }
  | { key: PluralKey; params?: MessageParams; /** The count choosing the plural form. */ plural: number };

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * The text of `key` in `language`, its `{name}` placeholders replaced by `params` (a missing
 * parameter stays visible as `{name}` rather than vanishing). Plain text: callers escape it.
 */
export function translate(language: Language, key: MessageKey, params: MessageParams = {}): string {
  const text = CATALOGUES[language][key] ?? CATALOGUES[DEFAULT_LANGUAGE][key] ?? key;
  return text.replace(PLACEHOLDER, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Placeholder names of a catalogue text, sorted; catalogues must agree on them. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]).sort();
}

/** `one` or `other` by the language's plural rules (the two forms our catalogues carry). */
export function pluralForm(language: Language, count: number): 'one' | 'other' {
  return new Intl.PluralRules(language).select(count) === 'one' ? 'one' : 'other';
}

/** A date and time in the language's long form, in UTC (the server cannot know the user's zone). */
export function formatDate(language: Language, epochMs: number): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'long', timeZone: 'UTC' }).format(
    new Date(epochMs),
  );
}

/** A text returned by a service, in `language`. */
export function translateMessage(language: Language, message: Translatable): string {
  if (message.plural === undefined) return translate(language, message.key, message.params);
  const key = `${message.key}.${pluralForm(language, message.plural)}` as MessageKey;
  return translate(language, key, message.params);
}
