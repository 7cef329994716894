import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { repositoryProvider } from '../database/repository-provider';
import { ServerSecret } from './server-secret.entity';
import { ServerSecretRepository } from './server-secret.repository';
import { ServerSecrets } from './server-secrets.service';

@Module({
  imports: [TypeOrmModule.forFeature([ServerSecret])],
  providers: [repositoryProvider(ServerSecretRepository, ServerSecret), ServerSecrets],
  exports: [ServerSecrets],
})
export class SecretsModule {}
