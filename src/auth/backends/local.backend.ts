import bcrypt from 'bcryptjs';
import type { Repository } from 'typeorm';
import type { AuthBackend, AuthenticatedUser } from '../auth-backend';
import type { User } from '../user.entity';

/** `CAS_AUTH_CLASS=local`: the server's own users table, bcrypt hashes. */
export class LocalBackend implements AuthBackend {
  readonly name = 'local';
  /** Compared against when the user does not exist, so both cases take the same time. */
  private readonly decoyHash: string;

  constructor(
    private readonly users: Repository<User>,
    rounds: number,
  ) {
    this.decoyHash = bcrypt.hashSync('decoy password that never matches', rounds);
  }

  async ping(): Promise<void> {
    await this.users.find({ select: { username: true }, take: 1 });
  }

  async verify(username: string, password: string): Promise<AuthenticatedUser | null> {
    const user = await this.users.findOne({ where: { username } });
    const hash = user && !user.disabled ? user.passwordHash : this.decoyHash;
    const ok = await bcrypt.compare(password, hash);
    if (!ok || !user || user.disabled) return null;
    return { username: user.username, attributes: user.attributes };
  }
}
