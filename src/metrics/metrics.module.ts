import { Global, Module } from '@nestjs/common';
import { MetricsService } from './metrics.service';

/** The counters, for every module to call; global so that call sites need no imports. */
@Global()
@Module({ providers: [MetricsService], exports: [MetricsService] })
export class MetricsModule {}
