import type { Attributes } from '../config/env-parsers';

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

/** One source of users: local table, SQL, LDAP, test, dummy. */
export interface AuthBackend {
  /** The CAS_AUTH_CLASS value this backend implements. */
  readonly name: string;
  /** The user when the password is right; null or NO_ACCOUNT otherwise. Throws only when the source fails. */
  verify(username: string, password: string): Promise<VerifyResult>;
  /** Throws when the source cannot be reached (readiness, `cas doctor`); absent = nothing to reach. */
  ping?(): Promise<void>;
}

export const AUTH_BACKEND = Symbol('AUTH_BACKEND');
