import { Column, Entity, PrimaryColumn } from 'typeorm';
import { COLUMN_LIMITS } from '../database/column-limits';
import { epochMs } from '../database/columns';

/** Failed logins of one (username, address) pair, one username or one address (ids are hashes). */
@Entity('throttle_counters')
export class ThrottleCounter {
  @PrimaryColumn({ type: 'varchar', length: COLUMN_LIMITS.throttle_counters.id.chars })
  id!: string;

  @Column({ type: 'integer' })
  failures!: number;

  @Column({ name: 'window_start', type: 'bigint', transformer: epochMs })
  windowStart!: number;

  /** 0 = never blocked. */
  @Column({ name: 'blocked_until', type: 'bigint', transformer: epochMs })
  blockedUntil!: number;

  /** Credential checks in flight (pair counters only; see PairCounter). */
  @Column({ type: 'integer', default: 0 })
  pending!: number;

  @Column({ name: 'pending_until', type: 'bigint', transformer: epochMs, default: 0 })
  pendingUntil!: number;
}
