import type { Attributes } from '../common/attributes';

export interface AuthenticatedUser {
  username: string;
  attributes: Attributes;
}

/**
 * What `verify` answers when the username names no account at all (null: it names one, but the
 * password is wrong or the account refused). Only the logs tell the two apart (username-label.ts);
 * the person at the login form never learns which.
 */
export const NO_ACCOUNT = 'no-account';

export type VerifyResult = AuthenticatedUser | null | typeof NO_ACCOUNT;

/**
 * What a backend throws when its source cannot answer (connection refused or lost, timeout,
 * directory down, a query the source refuses): the person is told to try again. Anything else
 * a backend throws is a bug of this server, reported as an internal failure (auth.service.ts).
 */
export class SourceUnavailableError extends Error {
  override readonly name = 'SourceUnavailableError';
}

/** One source of users: local table, SQL, LDAP, test, dummy. */
export interface AuthBackend {
  /** The CAS_AUTH_CLASS value this backend implements. */
  readonly name: string;
  /** The user when the password is right; null or NO_ACCOUNT otherwise. Throws SourceUnavailableError when the source fails. */
  verify(username: string, password: string): Promise<VerifyResult>;
  /** Throws when the source cannot be reached (readiness, `cas doctor`); absent = nothing to reach. */
  ping?(): Promise<void>;
}

export const AUTH_BACKEND = Symbol('AUTH_BACKEND');
