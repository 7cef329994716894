import type { Attributes } from '../config/env-parsers';

export interface AuthenticatedUser {
  username: string;
  attributes: Attributes;
}

/** One source of users: local table, SQL, LDAP, test, dummy. */
export interface AuthBackend {
  /** The CAS_AUTH_CLASS value this backend implements. */
  readonly name: string;
  /** The user when the password is right; null otherwise. Throws only when the source fails. */
  verify(username: string, password: string): Promise<AuthenticatedUser | null>;
  /** Throws when the source cannot be reached (readiness, `cas doctor`); absent = nothing to reach. */
  ping?(): Promise<void>;
}

export const AUTH_BACKEND = Symbol('AUTH_BACKEND');
