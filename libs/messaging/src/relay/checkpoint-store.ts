import type { Pool } from 'pg';

/** Where a relay keeps the global position of the last event the broker acknowledged. */
export interface RelayCheckpointStore {
  /** Creates what the store needs; safe to call again and from several processes at once. */
  ensure(): Promise<void>;
  /** The stored position, 0 when the relay never published anything (positions start at 1). */
  load(relayName: string): Promise<bigint>;
  /**
   * Compare-and-set: moves the checkpoint from `expected` to `next`. Throws
   * `CheckpointConflictError` when the stored value is not `expected` (another relay with the same
   * name moved it), so two instances never silently overwrite each other.
   */
  save(relayName: string, expected: bigint, next: bigint): Promise<void>;
}

export class CheckpointConflictError extends Error {
  constructor(
    readonly relayName: string,
    readonly expected: bigint,
    readonly actual: bigint | undefined,
  ) {
    super(
      `Relay checkpoint "${relayName}" is ${actual === undefined ? 'missing' : actual.toString()}, expected ${expected.toString()}: ` +
        'another relay with the same RELAY_NAME is running?',
    );
    this.name = 'CheckpointConflictError';
  }
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * `<schema>.relay_checkpoints(relay_name text primary key, position bigint, updated_at timestamptz)`
 * in PostgreSQL, next to the event store's tables.
 */
export class PostgresRelayCheckpointStore implements RelayCheckpointStore {
  private readonly table: string;

  constructor(
    private readonly pool: Pool,
    readonly schema: string,
  ) {
    if (!IDENTIFIER.test(schema)) throw new Error(`Invalid schema name "${schema}": use lower-case letters, digits and underscores`);
    this.table = `"${schema}".relay_checkpoints`;
  }

  async ensure(): Promise<void> {
    // CREATE ... IF NOT EXISTS can still race between two processes (unique violation on the
    // catalog); an advisory lock per schema serializes the creation.
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`recon-relay:migrate:${this.schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
        relay_name text        NOT NULL PRIMARY KEY,
        position   bigint      NOT NULL CHECK (position >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async load(relayName: string): Promise<bigint> {
    await this.pool.query(`INSERT INTO ${this.table} (relay_name, position) VALUES ($1, 0) ON CONFLICT (relay_name) DO NOTHING`, [relayName]);
    const res = await this.pool.query<{ position: string }>(`SELECT position::text AS position FROM ${this.table} WHERE relay_name = $1`, [relayName]);
    return BigInt(res.rows[0]!.position);
  }

  async save(relayName: string, expected: bigint, next: bigint): Promise<void> {
    const res = await this.pool.query(`UPDATE ${this.table} SET position = $3, updated_at = now() WHERE relay_name = $1 AND position = $2`, [
      relayName,
      expected.toString(),
      next.toString(),
    ]);
    if (res.rowCount === 1) return;
    const now = await this.pool.query<{ position: string }>(`SELECT position::text AS position FROM ${this.table} WHERE relay_name = $1`, [relayName]);
    throw new CheckpointConflictError(relayName, expected, now.rows[0] ? BigInt(now.rows[0].position) : undefined);
  }
}

/** In-process checkpoints, for tests and the embedded mode. */
export class InMemoryRelayCheckpointStore implements RelayCheckpointStore {
  private readonly positions = new Map<string, bigint>();

  async ensure(): Promise<void> {}

  async load(relayName: string): Promise<bigint> {
    return this.positions.get(relayName) ?? 0n;
  }

  async save(relayName: string, expected: bigint, next: bigint): Promise<void> {
    const actual = this.positions.get(relayName) ?? 0n;
    if (actual !== expected) throw new CheckpointConflictError(relayName, expected, actual);
    this.positions.set(relayName, next);
  }
}
