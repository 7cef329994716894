import type { FastifyRequest } from 'fastify';
import type { Language } from '../i18n/languages';
import { negotiateLanguage } from '../i18n/negotiate';

/** The language chosen with the page switcher, remembered for a year. */
export const LANGUAGE_COOKIE = 'cas_lang';
export const LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 3600;

export function requestLanguage(req: FastifyRequest): Language {
  const accept = req.headers['accept-language'];
  return negotiateLanguage(Array.isArray(accept) ? accept.join(',') : accept, req.cookies?.[LANGUAGE_COOKIE]);
}
