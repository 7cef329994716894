import type { TableColumnOptions } from 'typeorm';

/**
 * Column shapes shared by the migrations, portable between SQLite and MySQL/MariaDB. On MySQL,
 * text columns use utf8mb4 with a binary collation so that comparisons (tickets, usernames,
 * patterns) are exact and case-sensitive, as they are on SQLite.
 */
export class ColumnKit {
  constructor(private readonly mysql: boolean) {}

  private text(options: TableColumnOptions): TableColumnOptions {
    return this.mysql ? { ...options, charset: 'utf8mb4', collation: 'utf8mb4_bin' } : options;
  }

  id(): TableColumnOptions {
    return { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
  }

  varchar(name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return this.text({ name, type: 'varchar', length: String(length), ...extra });
  }

  longText(name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return this.text({ name, type: this.mysql ? 'mediumtext' : 'text', ...extra });
  }

  bool(name: string, fallback = false): TableColumnOptions {
    return { name, type: 'boolean', default: fallback ? 1 : 0 };
  }

  int(name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions {
    return { name, type: 'integer', ...extra };
  }

  epochMs(name: string, nullable = false): TableColumnOptions {
    return { name, type: 'bigint', isNullable: nullable };
  }
}
