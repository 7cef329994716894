import type { Attributes } from '../common/attributes';

/**
 * Parsers for settings given as environment strings. Each throws an Error whose message
 * explains what was expected; the loader prefixes it with the setting's name.
 */

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

export function parseBool(raw: string): boolean {
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  throw new Error(`expected a boolean (true/false), got "${raw}"`);
}

export function parseInteger(raw: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const text = raw.trim();
  if (!/^-?\d+$/.test(text)) throw new Error(`expected a whole number, got "${raw}"`);
  const value = Number(text);
  if (value < min || value > max) {
    throw new Error(`expected a number between ${min} and ${max}, got ${value}`);
  }
  return value;
}

/** `None`, empty or unset mean "no limit", as django-cas-server's `None`. */
export function parseOptionalInteger(raw: string, min: number): number | null {
  const text = raw.trim();
  if (text === '' || text.toLowerCase() === 'none' || text.toLowerCase() === 'null') return null;
  return parseInteger(text, min);
}

export function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new Error(`expected JSON, got "${raw.slice(0, 80)}"`);
  }
}

/** A JSON array of strings, or a comma-separated list. */
export function parseStringList(raw: string): string[] {
  const text = raw.trim();
  if (text === '') return [];
  if (text.startsWith('[')) {
    const value = parseJson(text);
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
      throw new Error('expected a JSON array of strings');
    }
    return value as string[];
  }
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

export function parseAttributes(raw: string): Attributes {
  const value = parseJson(raw);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('expected a JSON object of attribute name to string or list of strings');
  }
  const out: Attributes = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'string') out[key] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[key] = v as string[];
    else throw new Error(`attribute "${key}" must be a string or a list of strings`);
  }
  return out;
}
