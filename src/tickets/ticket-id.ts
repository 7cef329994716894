import { randomAlphanumeric } from '../common/random';

/** A ticket `PREFIX-xxxx` of exactly `length` characters. */
export function generateTicketId(prefix: string, length: number): string {
  return `${prefix}-${randomAlphanumeric(length - prefix.length - 1)}`;
}
