import { In, IsNull, LessThan, MoreThan, Not, Repository } from 'typeorm';
import { assertFits, type RowValues } from '../database/column-limits';
import { deleteBatch } from '../database/delete-in-batches';
import type { EntityColumns, SqlRow } from '../database/entity-columns';
import { FastSql, type SqlValue } from '../database/fast-sql';
import { Ticket, type TicketType } from './ticket.entity';

/**
 * The `tickets` table. Issue and consumption are the hot path of every login: single
 * statements (FastSql) whose columns and conversions come from the entity's decorators.
 */
export class TicketRepository {
  private readonly columns: EntityColumns<Ticket>;
  private readonly insertSql: string;

  constructor(
    private readonly repo: Repository<Ticket>,
    private readonly sql: FastSql,
  ) {
    this.columns = sql.columnsOf(Ticket);
    this.insertSql = `INSERT INTO tickets (${this.columns.list}) VALUES (${this.columns.placeholders})`;
  }

  private checked(ticket: Ticket): SqlValue[] {
    const values = this.columns.values(ticket);
    const strings: Record<string, string> = {};
    for (const [column, value] of Object.entries(this.columns.byName(values))) {
      if (typeof value === 'string') strings[column] = value;
    }
    assertFits('tickets', strings as RowValues<'tickets'>);
    return values;
  }

  /** Throws ValueTooLongError, before anything is written, when the ticket would not fit. */
  assertTicketFits(ticket: Ticket): void {
    this.checked(ticket);
  }

  /** Every ticket is written here, so every one is checked against its columns first. */
  async insertTicket(ticket: Ticket): Promise<void> {
    await this.sql.run(this.insertSql, this.checked(ticket));
  }

  /**
   * Marks an unused ticket of one of `types` as validated and returns it. The conditional
   * UPDATE's row count decides (at most once, across processes); SQLite hands the row back in
   * the same statement (RETURNING), MariaDB, which has no UPDATE ... RETURNING, needs a SELECT.
   */
  async consumeTicket(id: string, types: TicketType[], now: number): Promise<Ticket | null> {
    const where = `id = ? AND type IN (${types.map(() => '?').join(', ')}) AND validated_at IS NULL`;
    const params = [now, id, ...types];
    const list = this.columns.list;
    if (this.sql.dialect === 'sqlite') {
      const row = await this.sql.get<SqlRow>(
        `UPDATE tickets SET validated_at = ? WHERE ${where} RETURNING ${list}`,
        params,
      );
      return row ? this.columns.fromRow(row) : null;
    }
    // No UPDATE ... RETURNING on MariaDB: read first, then let the conditional UPDATE decide.
    // (Reading after it would race the cleanup, which may delete a validated ticket of a
    // service without Single Logout at any moment.)
    const row = await this.sql.get<SqlRow>(`SELECT ${list} FROM tickets WHERE ${where}`, [id, ...types]);
    if (!row) return null;
    if ((await this.sql.run(`UPDATE tickets SET validated_at = ? WHERE ${where}`, params)) !== 1) return null;
    return Object.assign(this.columns.fromRow(row), { validatedAt: now });
  }

  /** A PGT that has not expired at `now`, or null. */
  loadProxyGrantingTicket(id: string, now: number): Promise<Ticket | null> {
    return this.repo.findOne({ where: { id, type: 'PGT', expiresAt: MoreThan(now) } });
  }

  /** A session's validated ST and PT of Single Logout services. */
  findLoggedInTickets(sessionId: string): Promise<Ticket[]> {
    return this.repo.find({
      where: { sessionId, singleLogOut: true, validatedAt: Not(IsNull()), type: In(['ST', 'PT']) },
    });
  }

  /** Validated Single Logout tickets validated before `validatedBefore`. */
  findValidatedBefore(validatedBefore: number, limit: number): Promise<Ticket[]> {
    return this.repo.find({ where: { singleLogOut: true, validatedAt: LessThan(validatedBefore) }, take: limit });
  }

  /** Deletes one ticket; true only for the call whose DELETE removed it. */
  async deleteTicket(id: string): Promise<boolean> {
    const result = await this.repo.delete({ id });
    return result.affected === 1;
  }

  async deleteSessionTickets(sessionId: string): Promise<void> {
    await this.repo.delete({ sessionId });
  }

  /** Deletes up to `limit` unvalidated tickets expired at `now`, and validated ones that need no logout. */
  deleteUseless(now: number, limit: number): Promise<number> {
    return deleteBatch(
      this.repo,
      [
        { validatedAt: IsNull(), expiresAt: LessThan(now) },
        { validatedAt: Not(IsNull()), singleLogOut: false },
      ],
      limit,
    );
  }
}
