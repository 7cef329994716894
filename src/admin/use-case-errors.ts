import type { FieldError } from '../common/problem';

/**
 * Errors of the administration use cases, in no transport's terms: the admin API turns them
 * into problem documents (admin-problems.ts), the CLI into a message and an exit code.
 */

/** The thing to act on does not exist. */
export class NotFoundError extends Error {
  constructor(
    readonly kind: 'user' | 'service' | 'session',
    readonly id: string | number,
  ) {
    super(`there is no ${kind} ${id}`);
  }
}

/** Input that breaks a rule of the domain; every bad field is listed. */
export class InvalidInputError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

/** `field` with its problem, or nothing: for collecting every problem of an input at once. */
export function problemAt(field: string, problem: string | null): FieldError[] {
  return problem === null ? [] : [{ field, message: problem }];
}
