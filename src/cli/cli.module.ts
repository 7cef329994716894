import { DynamicModule, Module } from '@nestjs/common';
import { AdminCoreModule } from '../admin/admin-core.module';
import { AuthModule } from '../auth/auth.module';
import type { CasConfig } from '../config/cas-config';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { MetricsModule } from '../metrics/metrics.module';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { ServicesModule } from '../services/services.module';

/** What the command-line tool needs: the database and the domain services, no HTTP. */
@Module({})
export class CliModule {
  static forRoot(config: CasConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        MetricsModule,
        AuthModule,
        ServicesModule,
        AdminCoreModule,
        SchedulingModule.forRoot({ withScheduler: false }),
      ],
    };
  }
}
