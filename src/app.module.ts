import { DynamicModule, Module } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { AdminModule } from './admin/admin.module';
import type { CasConfig } from './config/cas-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { MetricsHttpModule } from './metrics/metrics-http.module';
import { MetricsModule } from './metrics/metrics.module';
import { FAMILY_MODULES, ProtocolModule } from './protocol/protocol.module';
import { rootController } from './login/root.controller';
import { SchedulingModule } from './scheduling/scheduling.module';

export function adminOnMainListener(config: CasConfig): boolean {
  return config.admin.enabled && config.admin.listen === null;
}

@Module({})
export class AppModule {
  static forRoot(config: CasConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        MetricsModule,
        ProtocolModule,
        SchedulingModule.forRoot({ withScheduler: true }),
        RouterModule.register([{ path: config.pathPrefix || '/', module: ProtocolModule, children: FAMILY_MODULES }]),
        // Outside the CAS prefix: /api/admin. With CAS_ADMIN_PORT it has a listener of its own.
        ...(adminOnMainListener(config) ? [AdminModule] : []),
        // Outside the CAS prefix too: /health/live, /health/ready and /metrics.
        HealthModule,
        ...(config.metrics.enabled ? [MetricsHttpModule] : []),
      ],
      controllers: config.pathPrefix ? [rootController(config.pathPrefix)] : [],
    };
  }
}
