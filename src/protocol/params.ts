/** Reading protocol parameters from a parsed query string or form body. */
import type { MessageKey } from '../i18n/translate';
import type { Message } from '../pages/message';

export type RawParams = Record<string, unknown> | null | undefined;

export type ParamProblem = 'repeated' | 'malformed' | 'tooLong';

const PROBLEM_TEXT: Record<ParamProblem, string> = {
  repeated: 'was given more than once',
  malformed: 'is malformed',
  tooLong: 'is too long',
};

const PROBLEM_KEY = {
  repeated: 'msg.paramRepeated',
  malformed: 'msg.paramMalformed',
  tooLong: 'msg.paramTooLong',
} as const satisfies Record<ParamProblem, MessageKey>;

export class ParamError extends Error {
  constructor(
    readonly param: string,
    readonly problem: ParamProblem,
  ) {
    super(`parameter '${param}' ${PROBLEM_TEXT[problem]}`);
  }

  /** The error as a notice for the login page. */
  toMessage(): Message {
    return { level: 'error', key: PROBLEM_KEY[this.problem], params: { name: this.param } };
  }
}

/** The single value of a parameter; a repeated or structured parameter is an error. */
export function single(params: RawParams, name: string, maxLength = 8192): string | undefined {
  const value = params?.[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw new ParamError(name, 'repeated');
  if (typeof value !== 'string') throw new ParamError(name, 'malformed');
  if (value.length > maxLength) throw new ParamError(name, 'tooLong');
  return value;
}

/** A boolean flag (G-04): set when present with any value but `false`. */
export function flag(params: RawParams, name: string): boolean {
  const value = single(params, name, 64);
  return value !== undefined && value.toLowerCase() !== 'false';
}

/**
 * Query-string parser for the server: URLSearchParams semantics (`+` is a space, invalid
 * percent sequences and invalid UTF-8 become U+FFFD rather than errors), repeated names
 * collected into arrays so handlers can refuse them.
 */
export function parseQueryString(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  }
  return out;
}
