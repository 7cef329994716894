import { Column, Entity, PrimaryGeneratedColumn, ValueTransformer } from 'typeorm';
import { COLUMN_LIMITS } from '../database/column-limits';
import { epochMs } from '../database/columns';

const jsonOrNull: ValueTransformer = {
  to: (value: unknown) => (value === undefined ? undefined : value === null ? null : JSON.stringify(value)),
  from: (value: string | null) => (value === null || value === undefined ? null : (JSON.parse(value) as unknown)),
};

const L = COLUMN_LIMITS.audit_log;

/** One administrative change: who, what, when, and the object before and after. */
@Entity('audit_log')
export class AuditEntry {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'bigint', transformer: epochMs })
  at!: number;

  /** A token name, `env-token` (CAS_ADMIN_TOKEN) or `cli`. */
  @Column({ type: 'varchar', length: L.actor.chars })
  actor!: string;

  /** e.g. `service.create`, `user.set-password`, `session.end`. */
  @Column({ type: 'varchar', length: L.action.chars })
  action!: string;

  @Column({ name: 'target_type', type: 'varchar', length: L.target_type.chars })
  targetType!: string;

  @Column({ name: 'target_id', type: 'varchar', length: L.target_id.chars })
  targetId!: string;

  @Column({ name: 'before_json', type: 'text', nullable: true, transformer: jsonOrNull })
  before!: unknown;

  @Column({ name: 'after_json', type: 'text', nullable: true, transformer: jsonOrNull })
  after!: unknown;
}
