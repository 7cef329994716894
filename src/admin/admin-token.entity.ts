import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { COLUMN_LIMITS } from '../database/column-limits';
import { epochMs } from '../database/columns';

const L = COLUMN_LIMITS.admin_tokens;

/** A bearer token of the admin API. Only its SHA-256 is stored; the value is shown once. */
@Entity('admin_tokens')
export class AdminToken {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Who holds it; recorded as the actor of every change made with it. */
  @Column({ type: 'varchar', length: L.name.chars, unique: true })
  name!: string;

  @Column({ name: 'token_hash', type: 'varchar', length: L.token_hash.chars, unique: true })
  tokenHash!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'last_used_at', type: 'bigint', nullable: true, transformer: epochMs })
  lastUsedAt!: number | null;

  @Column({ name: 'revoked_at', type: 'bigint', nullable: true, transformer: epochMs })
  revokedAt!: number | null;
}
