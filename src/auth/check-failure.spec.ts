import { DataSource } from 'typeorm';
import { NO_ACCOUNT, SourceUnavailableError, type AuthBackend, type VerifyResult } from './auth-backend';
import { LocalBackend } from './backends/local.backend';
import { checkFailure } from './check-failure';
import { PassportVerifier } from './passport-verifier';
import { PasswordHasher } from './password-hasher';
import { User } from './user.entity';

/** A source whose answer the test decides. */
class ScriptedBackend implements AuthBackend {
  readonly name = 'scripted';
  constructor(private readonly answer: () => Promise<VerifyResult>) {}
  verify(): Promise<VerifyResult> {
    return this.answer();
  }
}

const verifierFor = (answer: () => Promise<VerifyResult>) => new PassportVerifier(new ScriptedBackend(answer));

/** What a check that threw comes to, through passport as the AuthService runs it. */
async function failureOf(answer: () => Promise<VerifyResult>) {
  const thrown = await verifierFor(answer)
    .verify('alice', 'pw')
    .then(
      () => new Error('the check did not throw'),
      (err: unknown) => err,
    );
  return checkFailure(thrown, 'scripted');
}

describe('a credential check through passport', () => {
  it("passes on the source's answer: a user, a wrong password, an unknown name", async () => {
    const user = { username: 'alice', attributes: { mail: 'a@example.org' } };
    expect(await verifierFor(async () => user).verify('alice', 'pw')).toEqual(user);
    expect(await verifierFor(async () => null).verify('alice', 'pw')).toBeNull();
    expect(await verifierFor(async () => NO_ACCOUNT).verify('nobody', 'pw')).toBe(NO_ACCOUNT);
  });

  it('refuses empty credentials without asking the source', async () => {
    const asked = jest.fn(async (): Promise<VerifyResult> => NO_ACCOUNT);
    expect(await verifierFor(asked).verify('', '')).toBeNull();
    expect(asked).not.toHaveBeenCalled();
  });
});

describe('checkFailure', () => {
  it('answers "source unavailable" when the source says it cannot answer', async () => {
    const failure = await failureOf(async () => {
      throw new SourceUnavailableError('LDAP directory ldap://x: connect ECONNREFUSED');
    });
    expect(failure).toEqual({
      reason: 'source_unavailable',
      event: 'auth_source.failure',
      msg: 'authentication source scripted failed: LDAP directory ldap://x: connect ECONNREFUSED',
    });
  });

  it('answers an internal failure, with the stack for the log, when the backend has a bug', async () => {
    const failure = await failureOf(async () => {
      const row = JSON.parse('null') as { username: string };
      return { username: row.username, attributes: {} };
    });
    expect(failure.reason).toBe('internal_error');
    expect(failure.event).toBe('auth.internal_error');
    expect(failure.msg).toMatch(/^checking credentials with scripted failed on an internal error: .*null/);
    expect(failure.stack).toMatch(/^TypeError: .*\n\s+at /);
  });

  it('treats any other error, or a thrown value that is no Error, as an internal failure', async () => {
    const failure = await failureOf(() => Promise.reject(new Error('plain error')));
    expect(failure.reason).toBe('internal_error');
    expect(checkFailure('a string', 'scripted')).toMatchObject({
      reason: 'internal_error',
      msg: 'checking credentials with scripted failed on an internal error: non-error thrown: a string',
    });
  });
});

describe('LocalBackend', () => {
  it('reports a users table it cannot read as its source being unavailable', async () => {
    const source = new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [User],
      synchronize: true,
    });
    await source.initialize();
    const backend = new LocalBackend(source.getRepository(User), 4, new PasswordHasher(0));
    await source.query('DROP TABLE users');
    try {
      await expect(backend.verify('alice', 'pw')).rejects.toBeInstanceOf(SourceUnavailableError);
      await expect(backend.ping()).rejects.toThrow(/no such table: users/);
    } finally {
      await source.destroy();
    }
  });
});
