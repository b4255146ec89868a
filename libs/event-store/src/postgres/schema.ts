import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { GENESIS_HASH } from '../tamper/hash';

export const DEFAULT_SCHEMA = 'event_store';

/** Schema names are interpolated into SQL, so only plain lower-case identifiers are accepted. */
export function assertSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`Invalid schema name "${schema}": use lower-case letters, digits and underscores`);
  }
  return schema;
}

/** 64-bit advisory lock key that serializes the appends of one schema (other schemas do not contend). */
export function appendLockKey(schema: string): bigint {
  const hex = createHash('sha256').update(`recon-event-store:append:${schema}`).digest('hex');
  return BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`));
}

/** NOTIFY channel of one schema (identifiers are at most 63 bytes). */
export function notifyChannel(schema: string): string {
  return `recon_es_${schema}`.slice(0, 63);
}

/**
 * Idempotent schema migration. Runs under a transaction-level advisory lock so that two processes
 * migrating the same schema at once do not trip over each other's CREATE ... IF NOT EXISTS.
 *
 * - `events`: one row per event. `global_position` is dense and starts at 1; it is assigned from the
 *   chain head inside the serialized append, not from a sequence (see PostgresEventStore).
 * - `chain_head`: a single row with the last position, its hash and the identity of the last event,
 *   updated in the append's transaction. It is what makes deleting the newest event detectable.
 */
export async function migrateEventStoreSchema(pool: Pool, schemaName: string = DEFAULT_SCHEMA): Promise<void> {
  const schema = assertSchemaName(schemaName);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(${appendLockKey(`${schema}:migrate`)})`);
    await client.query(`
      CREATE SCHEMA IF NOT EXISTS "${schema}";
      CREATE TABLE IF NOT EXISTS "${schema}".events (
        global_position bigint      NOT NULL PRIMARY KEY,
        stream_id       text        NOT NULL,
        stream_version  integer     NOT NULL CHECK (stream_version >= 0),
        event_id        text        NOT NULL,
        event_type      text        NOT NULL,
        schema_version  integer     NOT NULL,
        data            jsonb       NOT NULL,
        metadata        jsonb       NOT NULL,
        recorded_at     timestamptz NOT NULL,
        previous_hash   text        NOT NULL,
        hash            text        NOT NULL,
        CONSTRAINT events_event_id_key UNIQUE (event_id),
        CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version)
      );
      CREATE TABLE IF NOT EXISTS "${schema}".chain_head (
        id                  boolean NOT NULL PRIMARY KEY DEFAULT true CHECK (id),
        last_position       bigint  NOT NULL,
        last_hash           text    NOT NULL,
        last_event_id       text,
        last_stream_id      text,
        last_stream_version integer
      );
      INSERT INTO "${schema}".chain_head (id, last_position, last_hash) VALUES (true, 0, '${GENESIS_HASH}')
        ON CONFLICT (id) DO NOTHING;
    `);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Drops a schema and everything in it (tests use one schema per run). */
export async function dropEventStoreSchema(pool: Pool, schemaName: string): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS "${assertSchemaName(schemaName)}" CASCADE`);
}
