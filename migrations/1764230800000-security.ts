import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { ColumnKit } from './column-kit';

/** Failed-login counters (brute-force protection) and the browser binding of login tickets. */
export class Security1764230800000 implements MigrationInterface {
  name = 'Security1764230800000';

  async up(runner: QueryRunner): Promise<void> {
    const c = new ColumnKit(runner.connection.options.type === 'mysql');
    await runner.createTable(
      new Table({
        name: 'throttle_counters',
        engine: 'InnoDB',
        columns: [
          c.varchar('id', 64, { isPrimary: true }),
          c.int('failures'),
          c.epochMs('window_start'),
          c.epochMs('blocked_until'),
        ],
        indices: [new TableIndex({ name: 'IDX_throttle_counters_window', columnNames: ['window_start'] })],
      }),
    );
    // Login tickets issued before this migration have no binding and are refused: the person
    // just gets a fresh form.
    await runner.addColumn('login_tickets', new TableColumn(c.varchar('browser_hash', 64, { default: "''" })));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('login_tickets', 'browser_hash');
    await runner.dropTable('throttle_counters', true);
  }
}
