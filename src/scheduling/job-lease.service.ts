import { Injectable } from '@nestjs/common';
import { randomAlphanumeric } from '../common/random';
import { JobLeaseRepository } from './job-lease.repository';

/**
 * Leases on periodic jobs, shared through the database: of several processes that try at the
 * same moment, the one whose conditional UPDATE changes the row runs the job.
 */
@Injectable()
export class JobLeases {
  readonly holder = `${process.pid}-${randomAlphanumeric(8)}`;

  constructor(private readonly repo: JobLeaseRepository) {}

  acquire(name: string, durationMs: number): Promise<boolean> {
    const now = Date.now();
    return this.repo.takeLease(name, this.holder, now, now + durationMs);
  }
}
