import { Global, Module } from '@nestjs/common';
import { CasConfig, loadConfig } from './cas-config';

/** Injection token of the typed settings. */
export const CAS_CONFIG = Symbol('CAS_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: CasConfig = loadConfig(process.env)) {
    return {
      module: ConfigModule,
      providers: [{ provide: CAS_CONFIG, useValue: config }],
      exports: [CAS_CONFIG],
    };
  }
}
