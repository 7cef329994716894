/**
 * The size of every bounded column, as the migrations create them: the one place entities and
 * write paths read them from (test/security/value-bounds.e2e.ts compares them with the live
 * schema on both databases). A VARCHAR(n) of utf8mb4 holds n characters (code points); a
 * MEDIUMTEXT (`longText` in the migrations) 16 MiB - 1 bytes of UTF-8. SQLite enforces neither,
 * but the same values are refused there too, so a database change never changes what is stored.
 */
export type ColumnLimit = { readonly chars: number } | { readonly bytes: number };

const chars = (n: number) => ({ chars: n }) as const;
const LONG_TEXT = { bytes: 16_777_215 } as const;

export const COLUMN_LIMITS = {
  users: { username: chars(255), password_hash: chars(255), attributes: LONG_TEXT },
  sso_sessions: {
    id: chars(64),
    cookie_hash: chars(64),
    username: chars(255),
    attributes: LONG_TEXT,
    auth_source: chars(32),
  },
  tickets: {
    id: chars(255),
    type: chars(8),
    session_id: chars(64),
    username: chars(255),
    login_name: chars(255),
    service: LONG_TEXT,
    attributes: LONG_TEXT,
    proxies: LONG_TEXT,
    pgt_url: LONG_TEXT,
  },
  service_patterns: {
    name: chars(255),
    pattern: chars(760),
    user_field: chars(255),
    single_log_out_callback: chars(2048),
  },
  service_allowed_users: { username: chars(255) },
  service_released_attributes: { name: chars(255), rename_to: chars(255) },
  service_attribute_rewrites: { attribute: chars(255), pattern: chars(1024), replacement: chars(1024) },
  service_required_attributes: { attribute: chars(255), pattern: chars(1024) },
  admin_tokens: { name: chars(100), token_hash: chars(64) },
  audit_log: {
    actor: chars(100),
    action: chars(64),
    target_type: chars(32),
    target_id: chars(255),
    before_json: LONG_TEXT,
    after_json: LONG_TEXT,
  },
  consumed_login_tickets: { id: chars(64) },
  server_secrets: { name: chars(64), value: chars(128) },
  throttle_counters: { id: chars(64) },
  job_leases: { name: chars(64), holder: chars(64) },
} as const satisfies Record<string, Record<string, ColumnLimit>>;

export type BoundedTable = keyof typeof COLUMN_LIMITS;
export type ColumnOf<T extends BoundedTable> = keyof (typeof COLUMN_LIMITS)[T] & string;
/** Column values as the database receives them (attributes already serialised to JSON). */
export type RowValues<T extends BoundedTable> = Partial<Record<ColumnOf<T>, string | null | undefined>>;

export interface Overflow {
  table: string;
  column: string;
  limit: ColumnLimit;
}

/** Whether a value fits a limit. Cheap for values well inside it, the usual case on hot paths. */
export function fitsLimit(value: string, limit: ColumnLimit): boolean {
  if ('chars' in limit) {
    // A UTF-16 string never has more code points than code units.
    if (value.length <= limit.chars) return true;
    let count = 0;
    for (let i = 0; i < value.length; i++) {
      const unit = value.charCodeAt(i);
      // A high surrogate followed by a low one is one character.
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
        const next = value.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) i++;
      }
      if (++count > limit.chars) return false;
    }
    return true;
  }
  // A UTF-16 code unit is at most 3 bytes of UTF-8 (a surrogate pair, 2 units, is 4).
  if (value.length * 3 <= limit.bytes) return true;
  return Buffer.byteLength(value, 'utf8') <= limit.bytes;
}

/** The columns of a row whose values would not fit. */
export function overflows<T extends BoundedTable>(table: T, row: RowValues<T>): Overflow[] {
  const limits = COLUMN_LIMITS[table] as Record<string, ColumnLimit>;
  const found: Overflow[] = [];
  for (const [column, value] of Object.entries(row) as Array<[string, string | null | undefined]>) {
    const limit = limits[column];
    if (limit && typeof value === 'string' && !fitsLimit(value, limit)) found.push({ table, column, limit });
  }
  return found;
}

export function describeLimit(limit: ColumnLimit): string {
  return 'chars' in limit ? `${limit.chars} characters` : `${limit.bytes} bytes`;
}

/** A value longer than its column: refused before anything is written. */
export class ValueTooLongError extends Error {
  constructor(readonly overflows: Overflow[]) {
    super(overflows.map((o) => `${o.table}.${o.column} is longer than ${describeLimit(o.limit)}`).join('; '));
  }
}

/** Throws ValueTooLongError, naming every column that would overflow, before a write. */
export function assertFits<T extends BoundedTable>(table: T, row: RowValues<T>): void {
  const found = overflows(table, row);
  if (found.length > 0) throw new ValueTooLongError(found);
}
