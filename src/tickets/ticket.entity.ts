import { Column, Entity, PrimaryColumn } from 'typeorm';
import { COLUMN_LIMITS } from '../database/column-limits';
import type { Attributes } from '../common/attributes';
import { attributesJson, epochMs, stringListJson } from '../database/columns';

export type TicketType = 'ST' | 'PT' | 'PGT';

const L = COLUMN_LIMITS.tickets;

/** Service, proxy and proxy-granting tickets. */
@Entity('tickets')
export class Ticket {
  @PrimaryColumn({ type: 'varchar', length: L.id.chars })
  id!: string;

  @Column({ type: 'varchar', length: L.type.chars })
  type!: TicketType;

  @Column({ name: 'session_id', type: 'varchar', length: L.session_id.chars })
  sessionId!: string;

  /** The name sent to the service (the `user_field` attribute when the service has one). */
  @Column({ type: 'varchar', length: L.username.chars })
  username!: string;

  /** The name the user logged in with. */
  @Column({ name: 'login_name', type: 'varchar', length: L.login_name.chars })
  loginName!: string;

  /** The service URL exactly as given when the ticket was issued (empty for a PGT). */
  @Column({ type: 'text' })
  service!: string;

  @Column({ name: 'service_pattern_id', type: 'int', nullable: true })
  servicePatternId!: number | null;

  /** Attributes released to this service, computed when the ticket was issued. */
  @Column({ type: 'text', transformer: attributesJson })
  attributes!: Attributes;

  @Column({ name: 'from_new_login', type: 'boolean', default: false })
  fromNewLogin!: boolean;

  /** When the SSO session presented primary credentials (authenticationDate). */
  @Column({ name: 'authenticated_at', type: 'bigint', transformer: epochMs })
  authenticatedAt!: number;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'expires_at', type: 'bigint', transformer: epochMs })
  expiresAt!: number;

  /** Set by the single validation attempt the ticket is allowed. */
  @Column({ name: 'validated_at', type: 'bigint', nullable: true, transformer: epochMs })
  validatedAt!: number | null;

  @Column({ name: 'single_log_out', type: 'boolean', default: false })
  singleLogOut!: boolean;

  /** Proxy callback URLs this ticket went through, most recent first. */
  @Column({ type: 'text', transformer: stringListJson })
  proxies!: string[];

  /** For a PGT: the pgtUrl it was delivered to. */
  @Column({ name: 'pgt_url', type: 'text', nullable: true })
  pgtUrl!: string | null;
}
