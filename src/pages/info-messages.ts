import { createHash } from 'node:crypto';
import type { InfoMessage } from '../config/cas-config';
import { CATALOGUES, LANGUAGES, type Language } from '../i18n/languages';

export const DISMISSED_COOKIE = 'cas_dismissed';

export interface InfoNotice {
  id: string;
  level: 'info' | 'success' | 'warning' | 'error';
  text: string;
  discardable: boolean;
}

/**
 * What a dismissal remembers: the id and a digest of the text, so that an edited notice shows
 * again (as django-cas-server does) while an unchanged one stays hidden.
 */
export function dismissToken(id: string, message: InfoMessage): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([message.message, message.translations]))
    .digest('hex');
  return `${id}:${digest.slice(0, 12)}`;
}

/** The dismissed tokens of the cookie value (comma-separated; junk entries ignored). */
export function readDismissed(cookie: string | undefined): string[] {
  if (!cookie) return [];
  return cookie.split(',').filter((t) => /^[\w.-]{1,64}:[0-9a-f]{12}$/.test(t));
}

/** The cookie value after one more dismissal; at most 32 remembered, the oldest forgotten. */
export function addDismissed(cookie: string | undefined, token: string): string {
  const tokens = readDismissed(cookie).filter((t) => t !== token);
  tokens.push(token);
  return tokens.slice(-32).join(',');
}

const LEVELS: Record<string, InfoNotice['level']> = {
  info: 'info',
  success: 'success',
  warning: 'warning',
  error: 'error',
  // django-cas-server's settings use Bootstrap's names.
  danger: 'error',
  debug: 'info',
};

/** The notice when CAS_INFO_MESSAGES is not set (config's null): the catalogues' explanation. */
const BUILT_IN_INFO_MESSAGES: Record<string, InfoMessage> = {
  cas_explained: {
    message: CATALOGUES.en['msg.casExplained'],
    translations: Object.fromEntries(LANGUAGES.map((l) => [l, CATALOGUES[l]['msg.casExplained']])),
    discardable: true,
    type: 'info',
  },
};

/** The message `id` of CAS_INFO_MESSAGES (or of the built-in ones when it is not set). */
export function infoMessage(configured: Record<string, InfoMessage> | null, id: string): InfoMessage | null {
  const messages = configured ?? BUILT_IN_INFO_MESSAGES;
  return Object.hasOwn(messages, id) ? messages[id] : null;
}

/** The `CAS_INFO_MESSAGES` to show, in `CAS_INFO_MESSAGES_ORDER`, minus the dismissed ones. */
export function visibleInfoNotices(
  configured: Record<string, InfoMessage> | null,
  order: string[],
  language: Language,
  dismissedCookie: string | undefined,
): InfoNotice[] {
  const dismissed = new Set(readDismissed(dismissedCookie));
  const out: InfoNotice[] = [];
  for (const id of order) {
    const message = infoMessage(configured, id);
    if (!message) continue;
    if (message.discardable && dismissed.has(dismissToken(id, message))) continue;
    out.push({
      id,
      level: LEVELS[message.type] ?? 'info',
      text: message.translations[language] ?? message.message,
      discardable: message.discardable,
    });
  }
  return out;
}
