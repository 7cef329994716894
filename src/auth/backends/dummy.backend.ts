import { NO_ACCOUNT, type AuthBackend, type VerifyResult } from '../auth-backend';

/** `CAS_AUTH_CLASS=dummy`: nobody can log in (django-cas-server's DummyAuthUser). */
export class DummyBackend implements AuthBackend {
  readonly name = 'dummy';

  verify(): Promise<VerifyResult> {
    return Promise.resolve(NO_ACCOUNT);
  }
}
