import { LessThanOrEqual, Repository } from 'typeorm';
import { JobLease } from './job-lease.entity';

/** The `job_leases` table: one row per periodic job (the migrations create them). */
export class JobLeaseRepository {
  constructor(private readonly repo: Repository<JobLease>) {}

  /**
   * Gives the lease to `holder` until `expiresAt` if it had expired at `now`, with one
   * conditional UPDATE: of several processes trying at once, exactly one changes the row.
   */
  async takeLease(name: string, holder: string, now: number, expiresAt: number): Promise<boolean> {
    const result = await this.repo.update({ name, expiresAt: LessThanOrEqual(now) }, { holder, expiresAt });
    return result.affected === 1;
  }
}
