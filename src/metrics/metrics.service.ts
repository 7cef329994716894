import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';

export type LoginResult =
  | 'success'
  | 'bad_credentials'
  | 'source_unavailable'
  | 'internal_error'
  | 'invalid_login_ticket'
  | 'attributes_too_large';
export type IssuedTicket = 'ST' | 'PT' | 'PGT';

/**
 * The server's Prometheus metrics. Modules call one method where something happens; the
 * metrics module serves them at /metrics. Labels take a few fixed values only (never a user
 * name or a service URL), so the series stay few.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly logins = new Counter({
    name: 'cas_logins_total',
    help: 'Credential checks at /login, by result',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  private readonly issued = new Counter({
    name: 'cas_tickets_issued_total',
    help: 'Service, proxy and proxy-granting tickets issued, by type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  private readonly validated = new Counter({
    name: 'cas_tickets_validated_total',
    help: 'Ticket validations, by ticket type and result (success or the CAS error code)',
    labelNames: ['type', 'result'] as const,
    registers: [this.registry],
  });
  private readonly validationSeconds = new Histogram({
    name: 'cas_validation_duration_seconds',
    help: 'Time to answer a ticket validation, proxy callback included, by endpoint',
    labelNames: ['endpoint'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly slo = new Counter({
    name: 'cas_slo_requests_total',
    help: 'Single Logout requests sent to services, by result (sent or failed)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  private readonly throttledAttempts = new Counter({
    name: 'cas_throttled_attempts_total',
    help: 'Login attempts refused by throttling',
    registers: [this.registry],
  });
  private readonly jobs = new Counter({
    name: 'cas_job_runs_total',
    help: 'Runs of the cleanup jobs in this process, by job and result (success or failure)',
    labelNames: ['job', 'result'] as const,
    registers: [this.registry],
  });
  private readonly ticketPrefixes: Array<[string, 'ST' | 'PT']>;

  constructor(@Inject(CAS_CONFIG) config: CasConfig) {
    this.ticketPrefixes = [
      [`${config.ticketPrefix.ST}-`, 'ST'],
      [`${config.ticketPrefix.PT}-`, 'PT'],
    ];
    // Series that exist from the start, at 0, so that rate() and alerts see their first event.
    for (const result of [
      'success',
      'bad_credentials',
      'source_unavailable',
      'internal_error',
      'invalid_login_ticket',
      'attributes_too_large',
    ] as const) {
      this.logins.inc({ result }, 0);
    }
    for (const type of ['ST', 'PT', 'PGT'] as const) this.issued.inc({ type }, 0);
    for (const result of ['sent', 'failed']) this.slo.inc({ result }, 0);
  }

  login(result: LoginResult): void {
    this.logins.inc({ result });
  }

  ticketIssued(type: IssuedTicket): void {
    this.issued.inc({ type });
  }

  sloRequest(sent: boolean): void {
    this.slo.inc({ result: sent ? 'sent' : 'failed' });
  }

  /** Called by login throttling each time it refuses an attempt. */
  throttled(): void {
    this.throttledAttempts.inc();
  }

  jobRun(job: string, ok: boolean): void {
    this.jobs.inc({ job, result: ok ? 'success' : 'failure' });
  }

  /** Times a validation and counts its outcome; a thrown error counts as `error`. */
  async validation<T extends { ok: true } | { ok: false; code: string }>(
    endpoint: string,
    ticket: string | undefined,
    run: () => Promise<T>,
  ): Promise<T> {
    const type = this.ticketPrefixes.find(([prefix]) => ticket?.startsWith(prefix))?.[1] ?? 'unknown';
    const stop = this.validationSeconds.startTimer({ endpoint });
    let result = 'error';
    try {
      const outcome = await run();
      result = outcome.ok ? 'success' : outcome.code;
      return outcome;
    } finally {
      stop();
      this.validated.inc({ type, result });
    }
  }

  /** The live SSO sessions gauge, read from the database at each scrape. */
  observeSessions(count: () => Promise<number>): void {
    new Gauge({
      name: 'cas_sso_sessions_active',
      help: 'Live SSO sessions (all processes: read from the database)',
      registers: [this.registry],
      // Every process reads the same table: summing over cluster workers would multiply it.
      aggregator: 'first',
      async collect() {
        try {
          this.set(await count());
        } catch {
          // The database is down: /health/ready says so; the scrape still answers, with the last value.
        }
      },
    });
  }
}
