import type { AccessDecision } from '../services/attribute-release';
import type { ServiceTarget } from './login-outcome';
import type { FormField, Message } from '../i18n/message';

/** The notices of the login flow, as catalogue keys (src/i18n/catalogues) and parameters. */
export const MESSAGES = {
  serviceNotAllowed: { level: 'error', key: 'msg.serviceNotAllowed' },
  invalidLt: { level: 'error', key: 'msg.invalidLoginTicket' },
  // Either field may be the wrong one: both are marked.
  badCredentials: { level: 'error', key: 'msg.badCredentials', fields: ['username', 'password'] },
  missing: (fields: FormField[]): Message => ({ level: 'error', key: 'msg.credentialsMissing', fields }),
  sourceDown: { level: 'error', key: 'msg.sourceUnavailable' },
  attributesTooLarge: { level: 'error', key: 'msg.attributesTooLarge' },
  accountTooLong: { level: 'error', key: 'msg.accountTooLong' },
  valueTooLongForService: { level: 'error', key: 'msg.valueTooLongForService' },
  /** How long the block still lasts, in whole minutes rounded up (never "0 minutes"). */
  throttled: (retryAfterMs: number): Message => {
    const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
    return { level: 'error', key: 'msg.throttled', plural: minutes, params: { count: minutes } };
  },
  loginSuccess: { level: 'success', key: 'msg.loginSuccess' },
  required: (t: ServiceTarget): Message => ({
    level: 'info',
    key: 'msg.serviceRequired',
    params: { name: t.name, url: t.url },
  }),
  renewal: (t: ServiceTarget): Message => ({
    level: 'info',
    key: 'msg.renewalRequired',
    params: { name: t.name, url: t.url },
  }),
  refused: (decision: Extract<AccessDecision, { allowed: false }>, userField: string): Message => {
    if (decision.reason === 'user_not_allowed') return { level: 'error', key: 'msg.userNotAllowed' };
    if (decision.reason === 'attributes_not_allowed')
      return { level: 'error', key: 'msg.userCharacteristicsNotAllowed' };
    return { level: 'error', key: 'msg.attributeNeeded', params: { attribute: userField } };
  },
} satisfies Record<string, Message | ((...args: never[]) => Message)>;
