import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { ColumnKit } from './column-kit';

export class JobLeases1764230700000 implements MigrationInterface {
  name = 'JobLeases1764230700000';

  async up(runner: QueryRunner): Promise<void> {
    const c = new ColumnKit(runner.connection.options.type === 'mysql');
    await runner.createTable(
      new Table({
        name: 'job_leases',
        engine: 'InnoDB',
        columns: [c.varchar('name', 64, { isPrimary: true }), c.varchar('holder', 64), c.epochMs('expires_at')],
      }),
    );
    for (const name of ['clean-tickets', 'clean-sessions']) {
      await runner.query('INSERT INTO job_leases (name, holder, expires_at) VALUES (?, ?, ?)', [name, '', 0]);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('job_leases', true);
  }
}
