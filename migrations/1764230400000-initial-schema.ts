import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { ColumnKit } from './column-kit';

export class InitialSchema1764230400000 implements MigrationInterface {
  name = 'InitialSchema1764230400000';

  async up(runner: QueryRunner): Promise<void> {
    const c = new ColumnKit(runner.connection.options.type === 'mysql');
    const engine = 'InnoDB';

    await runner.createTable(
      new Table({
        name: 'users',
        engine,
        columns: [
          c.id(),
          c.varchar('username', 255, { isUnique: true }),
          c.varchar('password_hash', 255),
          c.longText('attributes'),
          c.bool('disabled'),
          c.epochMs('created_at'),
          c.epochMs('updated_at'),
        ],
      }),
    );

    await runner.createTable(
      new Table({
        name: 'service_patterns',
        engine,
        columns: [
          c.id(),
          c.int('position', { default: 100 }),
          c.varchar('name', 255, { isUnique: true }),
          c.varchar('pattern', 760, { isUnique: true }),
          c.varchar('user_field', 255, { default: "''" }),
          c.bool('restrict_users'),
          c.bool('proxy'),
          c.bool('proxy_callback'),
          c.bool('single_log_out'),
          c.varchar('single_log_out_callback', 2048, { default: "''" }),
          c.epochMs('created_at'),
          c.epochMs('updated_at'),
        ],
        indices: [new TableIndex({ name: 'idx_service_patterns_position', columnNames: ['position', 'id'] })],
      }),
    );

    const children: Array<[string, ReturnType<ColumnKit['varchar']>[]]> = [
      ['service_allowed_users', [c.varchar('username', 255)]],
      ['service_released_attributes', [c.varchar('name', 255), c.varchar('rename_to', 255, { default: "''" })]],
      [
        'service_attribute_rewrites',
        [c.varchar('attribute', 255), c.varchar('pattern', 1024), c.varchar('replacement', 1024, { default: "''" })],
      ],
      ['service_required_attributes', [c.varchar('attribute', 255), c.varchar('pattern', 1024)]],
    ];
    for (const [name, columns] of children) {
      await runner.createTable(
        new Table({
          name,
          engine,
          columns: [c.id(), ...columns, c.int('service_id', { isNullable: true })],
          indices: [new TableIndex({ name: `idx_${name}_service`, columnNames: ['service_id'] })],
          foreignKeys: [
            new TableForeignKey({
              name: `fk_${name}_service`,
              columnNames: ['service_id'],
              referencedTableName: 'service_patterns',
              referencedColumnNames: ['id'],
              onDelete: 'CASCADE',
            }),
          ],
        }),
      );
    }

    await runner.createTable(
      new Table({
        name: 'sso_sessions',
        engine,
        columns: [
          c.varchar('id', 64, { isPrimary: true }),
          c.varchar('cookie_hash', 64, { isUnique: true }),
          c.varchar('username', 255),
          c.longText('attributes'),
          c.varchar('auth_source', 32),
          c.epochMs('created_at'),
          c.epochMs('last_seen_at'),
          c.bool('warn'),
          c.bool('remember_me'),
        ],
        indices: [
          new TableIndex({ name: 'idx_sso_sessions_username', columnNames: ['username'] }),
          new TableIndex({ name: 'idx_sso_sessions_last_seen', columnNames: ['last_seen_at'] }),
        ],
      }),
    );

    await runner.createTable(
      new Table({
        name: 'tickets',
        engine,
        columns: [
          c.varchar('id', 255, { isPrimary: true }),
          c.varchar('type', 8),
          c.varchar('session_id', 64),
          c.varchar('username', 255),
          c.varchar('login_name', 255),
          c.longText('service'),
          c.int('service_pattern_id', { isNullable: true }),
          c.longText('attributes'),
          c.bool('from_new_login'),
          c.epochMs('authenticated_at'),
          c.epochMs('created_at'),
          c.epochMs('expires_at'),
          c.epochMs('validated_at', true),
          c.bool('single_log_out'),
          c.longText('proxies'),
          c.longText('pgt_url', { isNullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'idx_tickets_session', columnNames: ['session_id'] }),
          new TableIndex({ name: 'idx_tickets_expires', columnNames: ['expires_at'] }),
        ],
      }),
    );

    await runner.createTable(
      new Table({
        name: 'login_tickets',
        engine,
        columns: [c.varchar('id', 255, { isPrimary: true }), c.epochMs('created_at'), c.epochMs('expires_at')],
        indices: [new TableIndex({ name: 'idx_login_tickets_expires', columnNames: ['expires_at'] })],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'login_tickets',
      'tickets',
      'sso_sessions',
      'service_required_attributes',
      'service_attribute_rewrites',
      'service_released_attributes',
      'service_allowed_users',
      'service_patterns',
      'users',
    ]) {
      await runner.dropTable(table, true);
    }
  }
}
