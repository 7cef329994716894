import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { ColumnKit } from './column-kit';

/**
 * Login tickets sign themselves (src/tickets/login-ticket-codec.ts): the table of every ticket
 * shown gives way to one of the tickets spent, and the server keeps its signing key in the
 * database so that every process shares it. Forms shown before this migration are refused: the
 * person just gets a fresh one.
 */
export class SignedLoginTickets1764230914000 implements MigrationInterface {
  name = 'SignedLoginTickets1764230914000';

  async up(runner: QueryRunner): Promise<void> {
    const c = new ColumnKit(runner.connection.options.type === 'mysql');
    await runner.createTable(
      new Table({
        name: 'server_secrets',
        engine: 'InnoDB',
        columns: [c.varchar('name', 64, { isPrimary: true }), c.varchar('value', 128), c.epochMs('created_at')],
      }),
    );
    await runner.createTable(
      new Table({
        name: 'consumed_login_tickets',
        engine: 'InnoDB',
        columns: [c.varchar('id', 64, { isPrimary: true }), c.epochMs('expires_at')],
        indices: [new TableIndex({ name: 'idx_consumed_login_tickets_expires', columnNames: ['expires_at'] })],
      }),
    );
    await runner.dropTable('login_tickets', true);
  }

  async down(runner: QueryRunner): Promise<void> {
    const c = new ColumnKit(runner.connection.options.type === 'mysql');
    await runner.createTable(
      new Table({
        name: 'login_tickets',
        engine: 'InnoDB',
        columns: [
          c.varchar('id', 255, { isPrimary: true }),
          c.epochMs('created_at'),
          c.epochMs('expires_at'),
          c.varchar('browser_hash', 64, { default: "''" }),
        ],
        indices: [new TableIndex({ name: 'idx_login_tickets_expires', columnNames: ['expires_at'] })],
      }),
    );
    await runner.dropTable('consumed_login_tickets', true);
    await runner.dropTable('server_secrets', true);
  }
}
