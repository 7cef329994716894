import { DynamicModule, Module } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { AdminModule } from './admin/admin.module';
import { AuthHelperModule } from './auth-helper/auth-helper.module';
import type { CasConfig } from './config/cas-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { LoginModule } from './login/login.module';
import { rootController } from './login/root.controller';
import { LogoutModule } from './logout/logout.module';
import { MetricsHttpModule } from './metrics-http/metrics-http.module';
import { MetricsModule } from './metrics/metrics.module';
import { PagesModule } from './pages/pages.module';
import { ProxyModule } from './proxy/proxy.module';
import { SamlModule } from './saml/saml.module';
import { SchedulingModule } from './scheduling/scheduling.module';
import { ValidationModule } from './validation/validation.module';

export function adminOnMainListener(config: CasConfig): boolean {
  return config.admin.enabled && config.admin.listen === null;
}

/** The endpoint families, each a module of its own, all under CAS_PATH_PREFIX. */
const FAMILY_MODULES = [
  LoginModule,
  PagesModule,
  LogoutModule,
  ValidationModule,
  ProxyModule,
  SamlModule,
  AuthHelperModule,
];

@Module({})
export class AppModule {
  static forRoot(config: CasConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        MetricsModule,
        ...FAMILY_MODULES,
        SchedulingModule.forRoot({ withScheduler: true }),
        // Nest's router prefixes only the controllers of the modules it is given.
        RouterModule.register(FAMILY_MODULES.map((module) => ({ path: config.pathPrefix || '/', module }))),
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
