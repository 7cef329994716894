import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Attributes } from '../config/env-parsers';
import { attributesJson, epochMs } from '../database/columns';

/** An SSO session (the TGT), found through a hash of the browser's TGC cookie. */
@Entity('sso_sessions')
export class SsoSession {
  /** Random identifier used in logs and the admin API; never the cookie value. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  /** SHA-256 of the TGC cookie value, hex. */
  @Column({ name: 'cookie_hash', type: 'varchar', length: 64, unique: true })
  cookieHash!: string;

  @Column({ type: 'varchar', length: 255 })
  username!: string;

  /** The user's attributes as the authentication source gave them at login. */
  @Column({ type: 'text', transformer: attributesJson })
  attributes!: Attributes;

  @Column({ name: 'auth_source', type: 'varchar', length: 32 })
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
