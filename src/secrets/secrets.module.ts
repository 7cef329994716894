import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ServerSecret } from './server-secret.entity';
import { ServerSecrets } from './server-secrets.service';

@Module({
  imports: [TypeOrmModule.forFeature([ServerSecret])],
  providers: [ServerSecrets],
  exports: [ServerSecrets],
})
export class SecretsModule {}
