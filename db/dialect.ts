// The differences between the two backends (SQLite in DATA_DIR, PostgreSQL at DATABASE_URL), kept
// here so that queries and migrations name them once. Everything else is written once, in SQL both
// understand.

import {
  AlterTableNode,
  ColumnDefinitionNode,
  CreateTableNode,
  DataTypeNode,
  OperationNodeTransformer,
  PostgresAdapter,
  sql,
  type Expression,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RawBuilder,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * The migrations are written once, with SQLite's column types (they were frozen before PostgreSQL
 * came): on PostgreSQL `integer primary key autoincrement` becomes `serial primary key` (an int4,
 * which comes back as a JS number like SQLite's integer) and `blob` becomes `bytea` (a Buffer on
 * both). Applied to the CREATE TABLE and ALTER TABLE statements of a PostgreSQL connection.
 */
class PostgresColumnTypes extends OperationNodeTransformer {
  protected override transformColumnDefinition(node: ColumnDefinitionNode): ColumnDefinitionNode {
    const column = super.transformColumnDefinition(node);
    if (!DataTypeNode.is(column.dataType)) return column;
    if (column.autoIncrement && column.dataType.dataType === 'integer') {
      return ColumnDefinitionNode.cloneWith({ ...column, dataType: DataTypeNode.create('serial') }, { autoIncrement: false });
    }
    if (column.dataType.dataType === 'blob') return { ...column, dataType: DataTypeNode.create('bytea') };
    return column;
  }
}

export class PostgresSchemaPlugin implements KyselyPlugin {
  private readonly transformer = new PostgresColumnTypes();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    // Column definitions live only in CREATE TABLE and ALTER TABLE: every other statement passes as it
    // is, instead of being copied node by node on each request.
    if (!CreateTableNode.is(args.node) && !AlterTableNode.is(args.node)) return args.node;
    return this.transformer.transformNode(args.node, args.queryId);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** PostgreSQL's refusal to run a prepared statement whose result columns a migration changed (SQLSTATE 0A000). */
export function isStalePreparedStatement(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === '0A000' && message === 'cached plan must not change result type';
}

/**
 * The elements of a JSON array held as text (kinds, places), as a FROM item named `alias` with one
 * column `value`: `SELECT … FROM ${jsonElements(db, x, 'kind')} WHERE kind.value = …`.
 */
export function jsonElements(db: Kysely<any>, json: Expression<string>, alias: string): RawBuilder<unknown> {
  const name = sql.id(alias);
  return dialectOf(db) === 'postgres'
    ? sql`json_array_elements_text(${json}::json) AS ${name}(value)`
    : sql`json_each(${json}) AS ${name}`;
}

/** An aggregate: the values of `column`, ordered, as JSON text; '[]' for no rows. */
export function jsonArrayOf(db: Kysely<any>, column: Expression<unknown>): RawBuilder<string> {
  // SQLite's json_group_array keeps the order of its (ordered) input; PostgreSQL is told.
  return dialectOf(db) === 'postgres'
    ? sql<string>`coalesce(json_agg(${column} ORDER BY ${column})::text, '[]')`
    : sql<string>`json_group_array(${column})`;
}

/**
 * PostgreSQL's form of an append-only table: every UPDATE, DELETE and TRUNCATE fails, whoever sends
 * it, from a trigger function (SQLite's migration raises from BEFORE triggers of its own).
 */
export async function makeAppendOnlyOnPostgres(db: Kysely<any>, table: string): Promise<void> {
  const refuse = sql.id(`${table}_append_only`);
  await sql`CREATE FUNCTION ${refuse}() RETURNS trigger LANGUAGE plpgsql AS ${sql.lit(
    `BEGIN RAISE EXCEPTION '${table} is append-only'; END`,
  )}`.execute(db);
  for (const event of ['UPDATE', 'DELETE']) {
    await sql`CREATE TRIGGER ${sql.id(`${table}_no_${event.toLowerCase()}`)} BEFORE ${sql.raw(event)} ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION ${refuse}()`.execute(db);
  }
  // TRUNCATE skips row triggers: refused by a statement trigger.
  await sql`CREATE TRIGGER ${sql.id(`${table}_no_truncate`)} BEFORE TRUNCATE ON ${sql.table(table)}
    FOR EACH STATEMENT EXECUTE FUNCTION ${refuse}()`.execute(db);
}
