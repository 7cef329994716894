import type { Driver, EntityMetadata, ObjectLiteral } from 'typeorm';

/** A value bound to a statement's placeholder. */
export type SqlValue = string | number | null;

/** A row as a raw statement returns it, keyed by column name. */
export type SqlRow = Record<string, unknown>;

type ColumnMetadata = EntityMetadata['columns'][number];

/**
 * The columns of an entity's table for raw statements, taken from the entity's decorators: the
 * entity stays the one declaration of its table, and values are converted both ways exactly as
 * TypeORM converts them (the column's transformer, then the driver's type conversion).
 */
export class EntityColumns<E extends ObjectLiteral> {
  /** Column names, in the order of values() and of the entity's declaration. */
  readonly names: readonly string[];
  /** `a, b, c`: for a SELECT, an INSERT or a RETURNING. */
  readonly list: string;
  /** `?, ?, ?`: one placeholder per column, for an INSERT. */
  readonly placeholders: string;
  private readonly columns: readonly ColumnMetadata[];

  constructor(
    private readonly metadata: EntityMetadata,
    private readonly driver: Driver,
  ) {
    this.columns = metadata.columns;
    this.names = this.columns.map((c) => c.databaseName);
    this.list = this.names.join(', ');
    this.placeholders = this.names.map(() => '?').join(', ');
  }

  get table(): string {
    return this.metadata.tableName;
  }

  /** The entity's values as the database receives them, in the order of `names`. */
  values(entity: E): SqlValue[] {
    return this.columns.map((c) => this.driver.preparePersistentValue(c.getEntityValue(entity), c) as SqlValue);
  }

  /** The values of a row keyed by column name (for the column limits). */
  byName(values: readonly SqlValue[]): Record<string, SqlValue> {
    const named: Record<string, SqlValue> = {};
    this.names.forEach((name, i) => (named[name] = values[i]));
    return named;
  }

  /** The entity a row holds, every column converted as TypeORM's own reads do. */
  fromRow(row: SqlRow): E {
    const entity = this.metadata.create() as E;
    for (const c of this.columns) c.setEntityValue(entity, this.driver.prepareHydratedValue(row[c.databaseName], c));
    return entity;
  }
}
