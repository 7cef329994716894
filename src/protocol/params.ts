/** Reading protocol parameters from a parsed query string or form body. */
import { z } from 'zod';
import type { CasConfig } from '../config/cas-config';
import type { MessageKey } from '../i18n/translate';
import type { Message } from '../i18n/message';

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

/** A request the endpoint cannot read; each endpoint family answers it in its own format. */
export class InvalidRequest extends Error {}

/** One parameter of the request is unusable. */
export class ParamError extends InvalidRequest {
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

/** What is wrong with a parameter's value, if anything: one string, at most `maxLength` long. */
function problemOf(value: unknown, maxLength: number): ParamProblem | null {
  if (Array.isArray(value)) return 'repeated';
  if (typeof value !== 'string') return 'malformed';
  return value.length > maxLength ? 'tooLong' : null;
}

/**
 * Schema of an optional parameter: one string, at most `maxLength` long (a repeated or structured
 * parameter is refused). Its issue carries the problem, which ParamsPipe turns into a ParamError
 * named after the parameter.
 */
export function param(maxLength = 8192) {
  return z
    .unknown()
    .transform((value, ctx) => {
      const problem = problemOf(value, maxLength);
      if (problem === null) return value as string;
      ctx.addIssue({ code: 'custom', message: PROBLEM_TEXT[problem], params: { problem } });
      return z.NEVER;
    })
    .optional();
}

/** Schema of a boolean flag (G-04): set when present with any value but `false`. */
export const flagParam = param(64).transform((value) => value !== undefined && value.toLowerCase() !== 'false');

/** Schema of a service URL parameter (`service`, `TARGET`, `pgtUrl`, …), bounded by the setting. */
export function serviceUrlParam(config: Pick<CasConfig, 'maxServiceUrlLength'>) {
  return param(config.maxServiceUrlLength);
}

/** A form body as parameters: anything but a parsed form (no body, a text body) reads as empty. */
export function formBody<T extends z.ZodType>(fields: T) {
  return z.preprocess((body) => (typeof body === 'object' && body !== null ? body : {}), fields);
}

/** The error for the first problem zod found, in the order the schema lists the parameters. */
export function invalidRequestOf(error: z.ZodError): InvalidRequest {
  const issue = error.issues[0];
  const problem = issue?.code === 'custom' ? (issue.params?.problem as ParamProblem | undefined) : undefined;
  const name = issue?.path.map(String).join('.');
  if (problem !== undefined && name) return new ParamError(name, problem);
  return new InvalidRequest(issue?.message ?? 'the request is malformed');
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
