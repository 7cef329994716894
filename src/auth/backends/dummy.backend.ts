import type { AuthBackend, AuthenticatedUser } from '../auth-backend';

/** `CAS_AUTH_CLASS=dummy`: nobody can log in (django-cas-server's DummyAuthUser). */
export class DummyBackend implements AuthBackend {
  readonly name = 'dummy';

  verify(): Promise<AuthenticatedUser | null> {
    return Promise.resolve(null);
  }
}
