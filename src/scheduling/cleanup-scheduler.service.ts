import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { CleanupService } from './cleanup.service';
import { JobLeases } from './job-lease.service';
import { MetricsService } from '../metrics/metrics.service';

/** Runs the cleanup jobs every CAS_CLEANUP_INTERVAL seconds, once across all processes. */
@Injectable()
export class CleanupScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('scheduler');
  private running = new Set<string>();

  constructor(
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
    private readonly registry: SchedulerRegistry,
    private readonly leases: JobLeases,
    private readonly cleanup: CleanupService,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.scheduler) return;
    const jobs: Record<string, () => Promise<unknown>> = {
      'clean-tickets': () => this.cleanup.cleanTickets(),
      'clean-sessions': () => this.cleanup.cleanSessions(),
    };
    for (const [name, job] of Object.entries(jobs)) {
      const timer = setInterval(() => void this.run(name, job), this.config.cleanupIntervalMs);
      timer.unref();
      this.registry.addInterval(name, timer);
    }
  }

  private async run(name: string, job: () => Promise<unknown>): Promise<void> {
    if (this.running.has(name)) return;
    this.running.add(name);
    try {
      // The lease is a little shorter than the interval, so the next tick can take it again.
      const lease = Math.max(this.config.cleanupIntervalMs - 500, 500);
      if (!(await this.leases.acquire(name, lease))) return;
      await job();
      this.metrics.jobRun(name, true);
    } catch (err) {
      this.logger.error(`${name} failed: ${(err as Error).message}`);
      this.metrics.jobRun(name, false);
    } finally {
      this.running.delete(name);
    }
  }
}
