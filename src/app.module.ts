import { DynamicModule, Module } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import type { CasConfig } from './config/cas-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ProtocolModule } from './protocol/protocol.module';
import { RootController } from './protocol/root.controller';
import { SchedulingModule } from './scheduling/scheduling.module';

@Module({})
export class AppModule {
  static forRoot(config: CasConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        ProtocolModule,
        SchedulingModule.forRoot({ withScheduler: true }),
        RouterModule.register([{ path: config.pathPrefix || '/', module: ProtocolModule }]),
      ],
      controllers: config.pathPrefix ? [RootController] : [],
    };
  }
}
