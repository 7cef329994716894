import type { FieldError } from '../common/problem';
import type { Attributes } from '../common/attributes';
import { describeLimit, overflows } from '../database/column-limits';
import { isReservedAttributeName, RESERVED_NAME_PROBLEM } from '../services/reserved-attributes';

/** A local user's values that cannot be stored as given; every problem is listed. */
export class InvalidUserError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

/**
 * What is wrong with a local user's username and attributes (the one check of the admin API and
 * the CLI): a column they would not fit, or an attribute named like one the server sends itself.
 */
export function userValueProblems(values: { username?: string; attributes?: Attributes }): FieldError[] {
  const errors: FieldError[] = [];
  const row = {
    username: values.username,
    attributes: values.attributes === undefined ? undefined : JSON.stringify(values.attributes),
  };
  for (const overflow of overflows('users', row)) {
    errors.push({ field: overflow.column, message: `is longer than ${describeLimit(overflow.limit)}` });
  }
  for (const name of Object.keys(values.attributes ?? {})) {
    if (isReservedAttributeName(name)) errors.push({ field: `attributes.${name}`, message: RESERVED_NAME_PROBLEM });
  }
  return errors;
}

export function assertValidUser(values: { username?: string; attributes?: Attributes }): void {
  const errors = userValueProblems(values);
  if (errors.length > 0) throw new InvalidUserError(errors);
}
