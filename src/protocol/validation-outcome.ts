import type { Attributes } from '../common/attributes';

export type CasErrorCode =
  | 'INVALID_REQUEST'
  | 'INVALID_TICKET_SPEC'
  | 'UNAUTHORIZED_SERVICE_PROXY'
  | 'INVALID_PROXY_CALLBACK'
  | 'INVALID_TICKET'
  | 'INVALID_SERVICE'
  | 'INTERNAL_ERROR'
  | 'UNAUTHORIZED_SERVICE';

export interface ValidationSuccess {
  ok: true;
  user: string;
  authenticationDate: Date;
  longTermAuthenticationRequestTokenUsed: boolean;
  isFromNewLogin: boolean;
  attributes: Attributes;
  pgtIou?: string;
  /** Most recent proxy first. */
  proxies: string[];
}

export interface ValidationFailure {
  ok: false;
  code: CasErrorCode;
  description: string;
}

export type ValidationOutcome = ValidationSuccess | ValidationFailure;

export function failure(code: CasErrorCode, description: string): ValidationFailure {
  return { ok: false, code, description };
}
