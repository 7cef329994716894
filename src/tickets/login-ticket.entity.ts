import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from '../database/columns';

/** A login ticket (LT): one per rendered login form, valid for one POST. */
@Entity('login_tickets')
export class LoginTicket {
  @PrimaryColumn({ type: 'varchar', length: 255 })
  id!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'expires_at', type: 'bigint', transformer: epochMs })
  expiresAt!: number;

  /** SHA-256 of the browser cookie the form was shown to: the ticket is good only with it. */
  @Column({ name: 'browser_hash', type: 'varchar', length: 64 })
  browserHash!: string;
}
