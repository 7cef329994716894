import {
  declaredColumns,
  migratedColumns,
  openRepositoryDb,
  type RepositoryDb,
} from '../../test/support/repository-db';
import { DATABASES } from '../../test/support/test-db';
import { JobLease } from './job-lease.entity';
import { JobLeaseRepository } from './job-lease.repository';

describe.each(DATABASES)('JobLeaseRepository on %s', (kind) => {
  let db: RepositoryDb;
  let leases: JobLeaseRepository;

  beforeAll(async () => {
    db = await openRepositoryDb(kind, [JobLease]);
    leases = new JobLeaseRepository(db.source.getRepository(JobLease));
  });
  afterAll(() => db.close());

  it('declares exactly the columns the migrations created', async () => {
    expect(declaredColumns(db.source, JobLease)).toEqual(await migratedColumns(db.source, 'job_leases'));
  });

  it('gives an expired lease to one of the processes asking at once, and keeps it until it expires', async () => {
    const now = Date.now();
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((holder) => leases.takeLease('clean-tickets', holder, now, now + 1_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await leases.takeLease('clean-tickets', 'e', now + 999, now + 2_000)).toBe(false);
    expect(await leases.takeLease('clean-tickets', 'e', now + 1_000, now + 2_000)).toBe(true);
  });
});
