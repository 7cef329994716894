import { Repository } from 'typeorm';
import { ServerSecret } from './server-secret.entity';

/** The `server_secrets` table. */
export class ServerSecretRepository {
  constructor(private readonly repo: Repository<ServerSecret>) {}

  /** Stores the secret unless one of that name is there already (which then stays). */
  async insertSecretIfAbsent(secret: ServerSecret): Promise<void> {
    await this.repo.createQueryBuilder().insert().into(ServerSecret).values(secret).orIgnore().execute();
  }

  loadSecret(name: string): Promise<ServerSecret> {
    return this.repo.findOneByOrFail({ name });
  }
}
