import { constantTimeEquals } from '../../common/constant-time';
import type { Attributes } from '../../config/env-parsers';
import type { AuthBackend, AuthenticatedUser } from '../auth-backend';

/** `CAS_AUTH_CLASS=test`: one user, CAS_TEST_USER / CAS_TEST_PASSWORD, for demos and tests. */
export class TestBackend implements AuthBackend {
  readonly name = 'test';

  constructor(
    private readonly user: string,
    private readonly password: string,
    private readonly attributes: Attributes,
  ) {}

  verify(username: string, password: string): Promise<AuthenticatedUser | null> {
    const ok = constantTimeEquals(username, this.user) && constantTimeEquals(password, this.password);
    return Promise.resolve(ok ? { username: this.user, attributes: { ...this.attributes } } : null);
  }
}
