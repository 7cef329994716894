import { Column, Entity, PrimaryColumn } from 'typeorm';
import { COLUMN_LIMITS } from '../database/column-limits';
import type { Attributes } from '../common/attributes';
import { attributesJson, epochMs } from '../database/columns';

const L = COLUMN_LIMITS.sso_sessions;

/** An SSO session (the TGT), found through a hash of the browser's TGC cookie. */
@Entity('sso_sessions')
export class SsoSession {
  /** Random identifier used in logs and the admin API; never the cookie value. */
  @PrimaryColumn({ type: 'varchar', length: L.id.chars })
  id!: string;

  /** SHA-256 of the TGC cookie value, hex. */
  @Column({ name: 'cookie_hash', type: 'varchar', length: L.cookie_hash.chars, unique: true })
  cookieHash!: string;

  @Column({ type: 'varchar', length: L.username.chars })
  username!: string;

  /** The user's attributes as the authentication source gave them at login. */
  @Column({ type: 'text', transformer: attributesJson })
  attributes!: Attributes;

  @Column({ name: 'auth_source', type: 'varchar', length: L.auth_source.chars })
  authSource!: string;

  /** When the user presented primary credentials (authenticationDate). */
  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'last_seen_at', type: 'bigint', transformer: epochMs })
  lastSeenAt!: number;

  /** The user asked to be warned before being sent to a service. */
  @Column({ type: 'boolean', default: false })
  warn!: boolean;

  @Column({ name: 'remember_me', type: 'boolean', default: false })
  rememberMe!: boolean;
}
