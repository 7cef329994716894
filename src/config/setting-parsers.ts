import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { DatabaseSettings, InfoMessage } from './cas-config';
import { parseJson } from './env-parsers';

/** Parsers of single setting values: each takes the raw text and returns the value or throws why. */

export function parseDatabaseUrl(url: string): DatabaseSettings {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (path === '') throw new Error('sqlite: needs a file path, e.g. sqlite:data/cas.sqlite');
    return { type: 'sqlite', path };
  }
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error('expected mysql://user:password@host:port/database');
    }
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    if (database === '') throw new Error('the MySQL URL must name a database');
    return {
      type: 'mysql',
      host: parsed.hostname || '127.0.0.1',
      port: parsed.port ? Number(parsed.port) : 3306,
      username: decodeURIComponent(parsed.username) || 'root',
      password: decodeURIComponent(parsed.password),
      database,
    };
  }
  throw new Error('expected sqlite:<path> or mysql://user:password@host:port/database');
}

export function parsePrefix(raw: string): string {
  if (!/^[A-Za-z0-9]{1,16}$/.test(raw)) throw new Error('a ticket prefix is 1 to 16 letters or digits');
  return raw;
}

export function parsePathPrefix(raw: string): string {
  const trimmed = raw.trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  if (!/^\/[A-Za-z0-9._~\-/]*$/.test(trimmed)) {
    throw new Error('expected a URL path such as /cas');
  }
  return trimmed;
}

/** ldap://host[:port], ldaps://host[:port], or a bare host name (django-cas-server's default). */
export function parseLdapServer(raw: string): string {
  const text = raw.trim();
  const url = /^ldaps?:\/\//i.test(text) ? text : `ldap://${text}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('expected ldap://host[:port] or ldaps://host[:port]');
  }
  if (!parsed.hostname || (parsed.pathname !== '' && parsed.pathname !== '/') || parsed.search) {
    throw new Error('expected ldap://host[:port] or ldaps://host[:port], without a path');
  }
  return `${parsed.protocol}//${parsed.host}`;
}

export function parseInfoMessages(raw: string): Record<string, InfoMessage> {
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

export function parseDirectory(raw: string): string {
  if (raw.trim() === '') return '';
  const dir = isAbsolute(raw) ? raw : resolve(raw);
  const stats = statSync(dir, { throwIfNoEntry: false });
  if (!stats) throw new Error(`${dir} does not exist`);
  if (!stats.isDirectory()) throw new Error(`${dir} is not a directory`);
  return dir;
}

/** Shown on every page in every language: one line of plain text. */
export function parseSiteName(raw: string): string {
  const name = raw.trim();
  if (name.length > 100) throw new Error('the site name is at most 100 characters long');
  if (/\p{Cc}/u.test(name)) throw new Error('the site name is one line of text, without control characters');
  return name;
}
