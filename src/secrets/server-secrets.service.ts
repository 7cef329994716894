import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ServerSecretRepository } from './server-secret.repository';

/**
 * Keys for the server's own signatures (login tickets, the pre-session cookie). Each is
 * generated once, by whichever process asks first, and kept in the database: every process
 * and node on that database signs and checks with the same key, with nothing to configure or
 * copy between nodes. Two processes starting together both try a conditional insert; the first
 * one wins and both read back the winner. Deleting a row rotates its key (forms shown before
 * stop working).
 */
@Injectable()
export class ServerSecrets {
  private readonly cache = new Map<string, Promise<Buffer>>();

  constructor(private readonly repo: ServerSecretRepository) {}

  key(name: string): Promise<Buffer> {
    let key = this.cache.get(name);
    if (!key) {
      key = this.load(name);
      this.cache.set(name, key);
      // A failure (database down) is not remembered: the next request tries again.
      key.catch(() => this.cache.delete(name));
    }
    return key;
  }

  private async load(name: string): Promise<Buffer> {
    await this.repo.insertSecretIfAbsent({ name, value: randomBytes(32).toString('base64'), createdAt: Date.now() });
    const row = await this.repo.loadSecret(name);
    const key = Buffer.from(row.value, 'base64');
    if (key.length < 32) throw new Error(`server secret "${name}" is too short`);
    return key;
  }
}
