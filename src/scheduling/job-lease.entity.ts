import { Column, Entity, PrimaryColumn } from 'typeorm';
import { COLUMN_LIMITS } from '../database/column-limits';
import { epochMs } from '../database/columns';

const L = COLUMN_LIMITS.job_leases;

/** Which process runs a periodic job until when, so several processes run it once. */
@Entity('job_leases')
export class JobLease {
  @PrimaryColumn({ type: 'varchar', length: L.name.chars })
  name!: string;

  @Column({ type: 'varchar', length: L.holder.chars })
  holder!: string;

  @Column({ name: 'expires_at', type: 'bigint', transformer: epochMs })
  expiresAt!: number;
}
