import { randomAlphanumeric } from '../common/random';

/** A ticket `PREFIX-xxxx` of exactly `length` characters. */
export function generateTicketId(prefix: string, length: number): string {
  return `${prefix}-${randomAlphanumeric(length - prefix.length - 1)}`;
}

/** Tickets are letters, digits and '-' (T-04), and never longer than 256 characters. */
export const TICKET_SHAPE = /^[A-Za-z0-9-]{1,256}$/;
