import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { collectDefaultMetrics } from 'prom-client';
import { SessionService } from '../sessions/session.service';
import { SessionsModule } from '../sessions/sessions.module';
import { shareWithPrimary } from '../metrics/cluster-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsService } from '../metrics/metrics.service';

/** What only a served /metrics needs: process metrics, the sessions gauge, the cluster link. */
@Injectable()
class MetricsExporter implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly sessions: SessionService,
  ) {}

  onModuleInit(): void {
    collectDefaultMetrics({ register: this.metrics.registry });
    this.metrics.observeSessions(() => this.sessions.countAlive());
    shareWithPrimary(this.metrics.registry);
  }
}

@Module({
  imports: [SessionsModule],
  controllers: [MetricsController],
  providers: [MetricsExporter],
})
export class MetricsHttpModule {}
