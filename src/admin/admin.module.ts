import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuthModule } from '../auth/auth.module';
import type { CasConfig } from '../config/cas-config';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { MetricsModule } from '../metrics/metrics.module';
import { ServicesModule } from '../services/services.module';
import { SessionsModule } from '../sessions/sessions.module';
import { AdminAuthGuard } from './admin-auth.guard';
import { AdminCoreModule } from './admin-core.module';
import { AuditController } from './audit.controller';
import { DocsController } from './docs.controller';
import { ServicesController } from './services.controller';
import { SessionsController } from './sessions.controller';
import { TokensController } from './tokens.controller';
import { UsersController } from './users.controller';

/** The JSON admin API under /api/admin. */
@Module({
  imports: [AdminCoreModule, AuthModule, ServicesModule, SessionsModule, DiscoveryModule],
  controllers: [
    ServicesController,
    UsersController,
    SessionsController,
    AuditController,
    TokensController,
    DocsController,
  ],
  providers: [AdminAuthGuard],
})
export class AdminModule {}

/** The admin API alone, for its own listener (CAS_ADMIN_PORT). */
@Module({})
export class AdminAppModule {
  static forRoot(config: CasConfig): DynamicModule {
    return {
      module: AdminAppModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, MetricsModule, AdminModule],
    };
  }
}
