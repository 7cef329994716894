import { Column, Entity, PrimaryColumn } from 'typeorm';
import { COLUMN_LIMITS } from '../database/column-limits';
import { epochMs } from '../database/columns';

/**
 * A login ticket that was spent, remembered until it would have expired so that it is good for
 * one POST only. Tickets shown but never posted are not stored at all (they verify themselves).
 */
@Entity('consumed_login_tickets')
export class ConsumedLoginTicket {
  /** The ticket's random part. */
  @PrimaryColumn({ type: 'varchar', length: COLUMN_LIMITS.consumed_login_tickets.id.chars })
  id!: string;

  @Column({ name: 'expires_at', type: 'bigint', transformer: epochMs })
  expiresAt!: number;
}
