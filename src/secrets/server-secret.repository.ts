import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ServerSecret } from './server-secret.entity';

/** The `server_secrets` table. */
@Injectable()
export class ServerSecretRepository {
  constructor(@InjectRepository(ServerSecret) private readonly repo: Repository<ServerSecret>) {}

  /** Stores the secret unless one of that name is there already (which then stays). */
  async insertSecretIfAbsent(secret: ServerSecret): Promise<void> {
    await this.repo.createQueryBuilder().insert().into(ServerSecret).values(secret).orIgnore().execute();
  }

  loadSecret(name: string): Promise<ServerSecret> {
    return this.repo.findOneByOrFail({ name });
  }
}
