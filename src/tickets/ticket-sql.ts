import type { Attributes } from '../common/attributes';
import { assertFits, type RowValues } from '../database/column-limits';
import { FastSql, sqlBool, sqlMs, type SqlValue } from '../database/fast-sql';
import { Ticket, type TicketType } from './ticket.entity';

/** The columns of `tickets`, in the order the statements below use them. */
const COLUMNS = [
  'id',
  'type',
  'session_id',
  'username',
  'login_name',
  'service',
  'service_pattern_id',
  'attributes',
  'from_new_login',
  'authenticated_at',
  'created_at',
  'expires_at',
  'validated_at',
  'single_log_out',
  'proxies',
  'pgt_url',
] as const;
const COLUMN_LIST = COLUMNS.join(', ');
const INSERT = `INSERT INTO tickets (${COLUMN_LIST}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;

type TicketRow = Record<(typeof COLUMNS)[number], unknown>;

function toRow(t: Ticket): SqlValue[] {
  return [
    t.id,
    t.type,
    t.sessionId,
    t.username,
    t.loginName,
    t.service,
    t.servicePatternId,
    JSON.stringify(t.attributes ?? {}),
    t.fromNewLogin ? 1 : 0,
    t.authenticatedAt,
    t.createdAt,
    t.expiresAt,
    t.validatedAt,
    t.singleLogOut ? 1 : 0,
    JSON.stringify(t.proxies ?? []),
    t.pgtUrl,
  ];
}

function fromRow(row: TicketRow): Ticket {
  return Object.assign(new Ticket(), {
    id: String(row.id),
    type: row.type as TicketType,
    sessionId: String(row.session_id),
    username: String(row.username),
    loginName: String(row.login_name),
    service: String(row.service),
    servicePatternId: row.service_pattern_id === null ? null : Number(row.service_pattern_id),
    attributes: row.attributes ? (JSON.parse(String(row.attributes)) as Attributes) : {},
    fromNewLogin: sqlBool(row.from_new_login),
    authenticatedAt: Number(row.authenticated_at),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    validatedAt: sqlMs(row.validated_at),
    singleLogOut: sqlBool(row.single_log_out),
    proxies: row.proxies ? (JSON.parse(String(row.proxies)) as string[]) : [],
    pgtUrl: row.pgt_url === null ? null : String(row.pgt_url),
  });
}

/** Throws ValueTooLongError when a value of the row would not fit its column. */
function checkRow(row: SqlValue[]): void {
  const values: Record<string, string> = {};
  COLUMNS.forEach((column, i) => {
    const value = row[i];
    if (typeof value === 'string') values[column] = value;
  });
  assertFits('tickets', values as RowValues<'tickets'>);
}

/** Ticket issue and consumption as single prepared statements (the hot path of every login). */
export class TicketSql {
  constructor(private readonly sql: FastSql) {}

  /** Throws ValueTooLongError, before anything is written, when the ticket would not fit. */
  check(ticket: Ticket): void {
    checkRow(toRow(ticket));
  }

  /** Every ticket is written here, so every one is checked against its columns first. */
  async insert(ticket: Ticket): Promise<void> {
    const row = toRow(ticket);
    checkRow(row);
    await this.sql.run(INSERT, row);
  }

  /**
   * Marks an unused ticket of one of `types` as validated and returns it. The conditional
   * UPDATE's row count decides (at most once, across processes); SQLite hands the row back in
   * the same statement (RETURNING), MariaDB, which has no UPDATE ... RETURNING, needs a SELECT.
   */
  async consume(id: string, types: TicketType[], now: number): Promise<Ticket | null> {
    const where = `id = ? AND type IN (${types.map(() => '?').join(', ')}) AND validated_at IS NULL`;
    const params = [now, id, ...types];
    if (this.sql.dialect === 'sqlite') {
      const row = await this.sql.get<TicketRow>(
        `UPDATE tickets SET validated_at = ? WHERE ${where} RETURNING ${COLUMN_LIST}`,
        params,
      );
      return row ? fromRow(row) : null;
    }
    // No UPDATE ... RETURNING on MariaDB: read first, then let the conditional UPDATE decide.
    // (Reading after it would race the cleanup, which may delete a validated ticket of a
    // service without Single Logout at any moment.)
    const row = await this.sql.get<TicketRow>(`SELECT ${COLUMN_LIST} FROM tickets WHERE ${where}`, [id, ...types]);
    if (!row) return null;
    if ((await this.sql.run(`UPDATE tickets SET validated_at = ? WHERE ${where}`, params)) !== 1) return null;
    return Object.assign(fromRow(row), { validatedAt: now });
  }
}
