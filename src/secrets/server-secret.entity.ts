import { Column, Entity, PrimaryColumn } from 'typeorm';
import { COLUMN_LIMITS } from '../database/column-limits';
import { epochMs } from '../database/columns';

const L = COLUMN_LIMITS.server_secrets;

/** A key the server generated for itself, shared by every process on the database. */
@Entity('server_secrets')
export class ServerSecret {
  @PrimaryColumn({ type: 'varchar', length: L.name.chars })
  name!: string;

  /** 32 random bytes, base64. */
  @Column({ type: 'varchar', length: L.value.chars })
  value!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;
}
