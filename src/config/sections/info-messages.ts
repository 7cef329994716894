import { parseJson, parseStringList } from '../env-parsers';
import type { Reader } from '../env-reader';

export interface InfoMessage {
  /** The text shown when no translation fits the page language. */
  message: string;
  /** Texts by language tag (`fr`, `pt-BR`...), from a `message` given as an object. */
  translations: Record<string, string>;
  discardable: boolean;
  type: string;
}

export interface InfoMessagesSection {
  /** CAS_INFO_MESSAGES; null when unset: the pages show their built-in, translated notice. */
  infoMessages: Record<string, InfoMessage> | null;
  infoMessagesOrder: string[];
}

function parseInfoMessages(raw: string): Record<string, InfoMessage> {
  const value = parseJson(raw);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('expected a JSON object of message id to {message, discardable, type}');
  }
  const out: Record<string, InfoMessage> = {};
  for (const [id, entry] of Object.entries(value as Record<string, unknown>)) {
    const e = entry as { message?: unknown; discardable?: unknown; type?: unknown } | null;
    const texts = typeof e?.message === 'string' ? { '': e.message } : e?.message;
    const valid =
      texts !== null &&
      typeof texts === 'object' &&
      Object.keys(texts).length > 0 &&
      Object.values(texts).every((t) => typeof t === 'string');
    if (!e || !valid) {
      throw new Error(`message "${id}" needs a "message": a string, or an object of language tag to string`);
    }
    const byLanguage = texts as Record<string, string>;
    const translations = Object.fromEntries(Object.entries(byLanguage).filter(([lang]) => lang !== ''));
    out[id] = {
      message: byLanguage[''] ?? byLanguage.en ?? Object.values(byLanguage)[0],
      translations,
      discardable: e.discardable === true,
      type: String(e.type ?? 'info'),
    };
  }
  return out;
}

export function readInfoMessagesSection(r: Reader): InfoMessagesSection {
  return {
    infoMessages: r.read<Record<string, InfoMessage> | null>('CAS_INFO_MESSAGES', null, parseInfoMessages),
    infoMessagesOrder: r.read('CAS_INFO_MESSAGES_ORDER', [], parseStringList),
  };
}
