import type { Repository } from 'typeorm';
import { NO_ACCOUNT, SourceUnavailableError, type AuthBackend, type VerifyResult } from '../auth-backend';
import type { PasswordHasher } from '../password-hasher';
import type { User } from '../user.entity';

/** `CAS_AUTH_CLASS=local`: the server's own users table, bcrypt hashes. */
export class LocalBackend implements AuthBackend {
  readonly name = 'local';
  /**
   * Compared against when the user does not exist, so both cases take the same time. Made on
   * first use, off the main thread, so it does not delay the server's start.
   */
  private decoyHash: Promise<string> | null = null;

  constructor(
    private readonly users: Repository<User>,
    private readonly rounds: number,
    private readonly hasher: PasswordHasher,
  ) {}

  private decoy(): Promise<string> {
    this.decoyHash ??= this.hasher.hash('decoy password that never matches', this.rounds);
    return this.decoyHash;
  }

  async ping(): Promise<void> {
    await this.fromDatabase(() => this.users.find({ select: { username: true }, take: 1 }));
  }

  async verify(username: string, password: string): Promise<VerifyResult> {
    const user = await this.fromDatabase(() => this.users.findOne({ where: { username } }));
    const hash = user && !user.disabled ? user.passwordHash : await this.decoy();
    const ok = await this.hasher.compare(password, hash);
    if (!user) return NO_ACCOUNT;
    if (!ok || user.disabled) return null;
    return { username: user.username, attributes: user.attributes };
  }

  /** The users table is this source: a query that fails is the source failing. */
  private async fromDatabase<T>(query: () => Promise<T>): Promise<T> {
    try {
      return await query();
    } catch (err) {
      throw new SourceUnavailableError(err instanceof Error ? err.message : String(err), { cause: err });
    }
  }
}
