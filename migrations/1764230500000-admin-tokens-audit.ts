import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { ColumnKit } from './column-kit';

/** Admin API bearer tokens (stored hashed) and the audit trail of administrative changes. */
export class AdminTokensAudit1764230500000 implements MigrationInterface {
  name = 'AdminTokensAudit1764230500000';

  async up(runner: QueryRunner): Promise<void> {
    const c = new ColumnKit(runner.connection.options.type === 'mysql');
    const engine = 'InnoDB';

    await runner.createTable(
      new Table({
        name: 'admin_tokens',
        engine,
        columns: [
          c.id(),
          c.varchar('name', 100, { isUnique: true }),
          c.varchar('token_hash', 64, { isUnique: true }),
          c.epochMs('created_at'),
          c.epochMs('last_used_at', true),
          c.epochMs('revoked_at', true),
        ],
      }),
    );

    await runner.createTable(
      new Table({
        name: 'audit_log',
        engine,
        columns: [
          c.id(),
          c.epochMs('at'),
          c.varchar('actor', 100),
          c.varchar('action', 64),
          c.varchar('target_type', 32),
          c.varchar('target_id', 255),
          c.longText('before_json', { isNullable: true }),
          c.longText('after_json', { isNullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'idx_audit_log_at', columnNames: ['at'] }),
          new TableIndex({ name: 'idx_audit_log_target', columnNames: ['target_type', 'target_id'] }),
          new TableIndex({ name: 'idx_audit_log_actor', columnNames: ['actor'] }),
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('audit_log', true);
    await runner.dropTable('admin_tokens', true);
  }
}
