import { constantTimeEquals } from '../../common/constant-time';
import type { Attributes } from '../../common/attributes';
import { NO_ACCOUNT, type AuthBackend, type VerifyResult } from '../auth-backend';

/** `CAS_AUTH_CLASS=test`: one user, CAS_TEST_USER / CAS_TEST_PASSWORD, for demos and tests. */
export class TestBackend implements AuthBackend {
  readonly name = 'test';

  constructor(
    private readonly user: string,
    private readonly password: string,
    private readonly attributes: Attributes,
  ) {}

  verify(username: string, password: string): Promise<VerifyResult> {
    const known = constantTimeEquals(username, this.user);
    const ok = constantTimeEquals(password, this.password) && known;
    if (!known) return Promise.resolve(NO_ACCOUNT);
    return Promise.resolve(ok ? { username: this.user, attributes: { ...this.attributes } } : null);
  }
}
