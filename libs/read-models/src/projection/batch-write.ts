import type { EntityManager } from 'typeorm';

/** What every part of a projection batch writes through: the caller's transaction and the schema's tables. */
export interface BatchWrite {
  readonly manager: EntityManager;
  /** Schema-qualified name of a read-model table. */
  table(name: string): string;
}

/**
 * Rows of a statement with RETURNING. TypeORM's postgres `query()` returns `[rows, rowCount]` for
 * UPDATE and DELETE but the rows alone for INSERT and SELECT; iterating the pair silently reads
 * nothing, so every UPDATE/DELETE ... RETURNING goes through here.
 */
export async function returning<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result: unknown = await manager.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/** One column of a set-based write: its name, the PostgreSQL type of its array parameter, its value in a row. */
export interface Column<Row> {
  readonly name: string;
  readonly type: string;
  readonly value: (row: Row) => unknown;
}

/**
 * `unnest($1::type[], $2::type[], ...) AS alias(columns)` and its parameters: many rows in one
 * statement with one parameter per column, however many rows there are.
 */
export function unnestRows<Row>(columns: ReadonlyArray<Column<Row>>, rows: readonly Row[], alias: string, firstParameter = 1): { sql: string; params: unknown[] } {
  const arrays = columns.map((column, i) => `$${firstParameter + i}::${column.type}[]`).join(', ');
  return {
    sql: `unnest(${arrays}) AS ${alias}(${columns.map((column) => column.name).join(', ')})`,
    params: columns.map((column) => rows.map(column.value)),
  };
}

/**
 * INSERT of all `rows` in one statement; `tail` is the ON CONFLICT / RETURNING clause. Returns the
 * RETURNING rows (none without RETURNING).
 */
export async function insertRows<Row, Result = never>(
  manager: EntityManager,
  table: string,
  columns: ReadonlyArray<Column<Row>>,
  rows: readonly Row[],
  tail = '',
): Promise<Result[]> {
  if (rows.length === 0) return [];
  const source = unnestRows(columns, rows, 'u');
  const names = columns.map((column) => column.name).join(', ');
  return manager.query(`INSERT INTO ${table} AS target (${names}) SELECT ${names} FROM ${source.sql} ${tail}`, source.params);
}

/** `SET a = excluded.a, b = excluded.b` for an upsert of these columns. */
export const setFromExcluded = (columns: readonly string[]): string => columns.map((column) => `${column} = excluded.${column}`).join(', ');
