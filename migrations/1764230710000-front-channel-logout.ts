import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { ColumnKit } from './column-kit';

export class FrontChannelLogout1764230710000 implements MigrationInterface {
  name = 'FrontChannelLogout1764230710000';

  async up(runner: QueryRunner): Promise<void> {
    const c = new ColumnKit(runner.connection.options.type === 'mysql');
    await runner.addColumn('service_patterns', new TableColumn(c.bool('front_channel_logout')));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('service_patterns', 'front_channel_logout');
  }
}
