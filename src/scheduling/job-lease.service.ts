import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThanOrEqual, Repository } from 'typeorm';
import { randomAlphanumeric } from '../tickets/ticket-id';
import { JobLease } from './job-lease.entity';

/**
 * Leases on periodic jobs, shared through the database: of several processes that try at the
 * same moment, the one whose conditional UPDATE changes the row runs the job.
 */
@Injectable()
export class JobLeases {
  readonly holder = `${process.pid}-${randomAlphanumeric(8)}`;

  constructor(@InjectRepository(JobLease) private readonly repo: Repository<JobLease>) {}

  async acquire(name: string, durationMs: number): Promise<boolean> {
    const now = Date.now();
    const result = await this.repo.update(
      { name, expiresAt: LessThanOrEqual(now) },
      { holder: this.holder, expiresAt: now + durationMs },
    );
    return result.affected === 1;
  }
}
