import { LessThan, Repository } from 'typeorm';
import { deleteBatch } from '../database/delete-in-batches';
import { FastSql } from '../database/fast-sql';
import { ConsumedLoginTicket } from './consumed-login-ticket.entity';

/** The `consumed_login_tickets` table: the login tickets already spent. */
export class LoginTicketRepository {
  /** Every login POST spends one: a single prepared statement. */
  private readonly spendSql: string;

  constructor(
    private readonly repo: Repository<ConsumedLoginTicket>,
    private readonly sql: FastSql,
  ) {
    const insert = sql.dialect === 'sqlite' ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    this.spendSql = `${insert} INTO consumed_login_tickets (id, expires_at) VALUES (?, ?)`;
  }

  /**
   * Records a ticket as spent, with a conditional insert: true for the one call, among
   * concurrent ones in any process, whose row went in.
   */
  async consumeLoginTicket(id: string, expiresAt: number): Promise<boolean> {
    return (await this.sql.run(this.spendSql, [id, expiresAt])) === 1;
  }

  /** Deletes up to `limit` spent tickets that expired before `before`; returns how many went. */
  deleteExpired(before: number, limit: number): Promise<number> {
    return deleteBatch(this.repo, { expiresAt: LessThan(before) }, limit);
  }
}
