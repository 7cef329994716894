import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { ColumnKit } from './column-kit';

/** Credential checks in flight per (username, address) pair, apart from its failures. */
export class ThrottleChecksInFlight1764230914100 implements MigrationInterface {
  name = 'ThrottleChecksInFlight1764230914100';

  async up(runner: QueryRunner): Promise<void> {
    const c = new ColumnKit(runner.connection.options.type === 'mysql');
    await runner.addColumns('throttle_counters', [
      new TableColumn(c.int('pending', { default: 0 })),
      new TableColumn({ ...c.epochMs('pending_until'), default: 0 }),
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('throttle_counters', 'pending_until');
    await runner.dropColumn('throttle_counters', 'pending');
  }
}
