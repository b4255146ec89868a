import { canonicalJson } from '@recon/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { assertReadModelSchema } from '../schema/schema-name';

/**
 * Projection tables with the key they are ordered by, the reconciler's own included (its fact
 * documents, its book of findings and the exceptions it holds open): a rebuild empties and refills them all. Offsets and
 * checkpoints are positions, not read models; the exception outbox is a log of commands, kept
 * across a rebuild (see rebuild.ts).
 */
export const PROJECTION_TABLES: ReadonlyArray<{ readonly table: string; readonly orderBy: string }> = [
  { table: 'assets', orderBy: 'asset_id' },
  { table: 'token_deployments', orderBy: 'asset_id, chain_id, contract_address' },
  { table: 'token_supply', orderBy: 'asset_id, chain_id' },
  { table: 'custody_accounts', orderBy: 'custodian, account' },
  { table: 'custody_positions', orderBy: 'custodian, account, isin' },
  { table: 'pending_settlements', orderBy: 'trade_id' },
  { table: 'collateralization', orderBy: 'asset_id' },
  { table: 'collateralization_history', orderBy: 'asset_id, recorded_date' },
  { table: 'exceptions', orderBy: 'exception_id' },
  { table: 'processed_events', orderBy: 'projection, event_id' },
  { table: 'reconciliation_facts', orderBy: 'fact_key' },
  { table: 'reconciler_findings', orderBy: 'exception_id' },
  { table: 'reconciler_open_exceptions', orderBy: 'exception_id' },
];

export const POSITION_TABLES = ['consumer_offsets', 'projection_checkpoints'] as const;

export type TableDump = Record<string, Array<Record<string, string | number | null>>>;

const normalize = (value: unknown): string | number | null => {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'string') return value;
  // jsonb columns arrive as objects: compare their content, whatever order the keys were stored in.
  if (typeof value === 'object') return canonicalJson(value);
  return String(value);
};

/**
 * A fact document as compared: its recent event ids are redelivery bookkeeping whose order follows
 * the order streams arrived in (Kafka partitions interleave differently from `$all`), so they are
 * compared as a set; every fact in it is compared as it is.
 */
const comparableFacts = (doc: unknown): unknown => {
  const value = typeof doc === 'string' ? JSON.parse(doc) as Record<string, unknown> : doc as Record<string, unknown>;
  const recent = value.recentEventIds;
  return Array.isArray(recent) ? { ...value, recentEventIds: [...recent].sort() } : value;
};

/**
 * Every projection table, every row, ordered by key (COLLATE "C": byte order, the same on every
 * server), values normalized so that two databases (PostgreSQL server, PGlite) compare equal.
 */
export async function dumpReadModels(db: DataSource | EntityManager, schema: string): Promise<TableDump> {
  const s = assertReadModelSchema(schema);
  const dump: TableDump = {};
  for (const { table, orderBy } of PROJECTION_TABLES) {
    const order = orderBy.split(', ').map((column) => (['chain_id', 'log_index', 'recorded_date'].includes(column) ? column : `${column} COLLATE "C"`)).join(', ');
    const rows: Array<Record<string, unknown>> = await db.query(`SELECT * FROM "${s}".${table} ORDER BY ${order}`);
    dump[table] = rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) =>
      [key, normalize(table === 'reconciliation_facts' && key === 'doc' ? comparableFacts(value) : value)])));
  }
  return dump;
}
