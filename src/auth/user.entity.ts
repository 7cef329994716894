import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { COLUMN_LIMITS } from '../database/column-limits';
import type { Attributes } from '../common/attributes';
import { attributesJson, epochMs } from '../database/columns';

const L = COLUMN_LIMITS.users;

/** A user of the `local` authentication source. */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: L.username.chars, unique: true })
  username!: string;

  @Column({ name: 'password_hash', type: 'varchar', length: L.password_hash.chars })
  passwordHash!: string;

  @Column({ type: 'text', transformer: attributesJson })
  attributes!: Attributes;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: number;
}
