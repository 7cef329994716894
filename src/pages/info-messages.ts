import { createHash } from 'node:crypto';
import type { InfoMessage } from '../config/cas-config';
import type { Language } from '../i18n/languages';

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

/** The `CAS_INFO_MESSAGES` to show, in `CAS_INFO_MESSAGES_ORDER`, minus the dismissed ones. */
export function visibleInfoNotices(
  messages: Record<string, InfoMessage>,
  order: string[],
  language: Language,
  dismissedCookie: string | undefined,
): InfoNotice[] {
  const dismissed = new Set(readDismissed(dismissedCookie));
  const out: InfoNotice[] = [];
  for (const id of order) {
    const message = messages[id];
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
