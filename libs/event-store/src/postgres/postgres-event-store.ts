import { Pool, PoolClient, PoolConfig, QueryResult } from 'pg';
import {
  AllSubscription,
  AppendResult,
  DuplicateEventIdError,
  EMPTY_STREAM_VERSION,
  EventMetadata,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  WrongExpectedVersionError,
} from '../port';
import { PolledPage, PollingAllSubscription } from '../support/polling-subscription';
import { WakeSignal } from '../support/wake-signal';
import { canonicalJson } from '../tamper/canonical-json';
import { chainHash } from '../tamper/hash';
import { ChainHead, ChainSource, verifyChain, VerifyChainResult } from '../tamper/verify-chain';
import { appendLockKey, assertSchemaName, DEFAULT_SCHEMA, migrateEventStoreSchema, notifyChannel } from './schema';
import { checkExpectedVersion, normalizeEvents, versionMatches } from '../support/append-rules';

/** Called inside the append's transaction, after the rows are written and before COMMIT. */
export interface BeforeCommitContext {
  readonly streamId: string;
  readonly events: readonly RecordedEvent[];
}

export interface PostgresEventStoreOptions {
  readonly pool: Pool;
  /** Schema holding `events` and `chain_head`; default `event_store`. */
  readonly schema?: string;
  /** End the pool in `close()`; default false (the caller owns the pool). */
  readonly ownsPool?: boolean;
  /**
   * Hold one pool connection with LISTEN so appends by other processes wake subscriptions at once.
   * Default: true when the pool allows more than one connection (never with PGlite's pool of one).
   */
  readonly listen?: boolean;
  /** Send NOTIFY in every append transaction; default true. */
  readonly notify?: boolean;
  /** Poll fallback for subscriptions when no wake-up arrives; default 1000 ms. */
  readonly pollIntervalMs?: number;
  /** Events per read while a subscription catches up; default 500. */
  readonly subscriptionPageSize?: number;
  /** System clock for `recordedAt`; default `new Date()`. */
  readonly clock?: () => Date;
  /** Test hook: runs before COMMIT while the append lock and the transaction are held. */
  readonly beforeCommit?: (context: BeforeCommitContext) => Promise<void>;
}

export interface CreatePostgresEventStoreOptions extends Omit<PostgresEventStoreOptions, 'pool' | 'ownsPool'> {
  /** Use this pool (kept open on close unless `ownsPool`) ... */
  readonly pool?: Pool;
  readonly ownsPool?: boolean;
  /** ... or open one from a connection string / pool config (ended on close). */
  readonly connectionString?: string;
  readonly poolConfig?: PoolConfig;
  /** Run the idempotent schema migration first; default true. */
  readonly migrate?: boolean;
}

/** Opens a PostgreSQL event store, migrating its schema unless `migrate: false`. */
export async function createPostgresEventStore(options: CreatePostgresEventStoreOptions): Promise<PostgresEventStore> {
  const { connectionString, poolConfig, migrate = true, pool: given, ownsPool, ...rest } = options;
  // JIT compilation never pays off for these short OLTP statements, and on a busy machine compiling
  // the subscription's page query could take longer than running it many times over.
  const pool = given ?? new Pool({ options: '-c jit=off', ...poolConfig, ...(connectionString ? { connectionString } : {}) });
  if (!given) pool.on('error', () => undefined); // an idle client lost its server; the next query reports it
  const owns = ownsPool ?? !given;
  try {
    if (migrate) await migrateEventStoreSchema(pool, rest.schema ?? DEFAULT_SCHEMA);
  } catch (error) {
    if (owns) await pool.end();
    throw error;
  }
  return new PostgresEventStore({ ...rest, pool, ownsPool: owns });
}

// Aliases differ from column names: ORDER BY a bare name prefers an output column, and ordering by
// the text form of a position would put 10 before 9.
const COLUMNS = `global_position::text AS position_text, stream_id, stream_version, event_id, event_type,
  schema_version, data, metadata, recorded_at, previous_hash, hash`;

interface EventRow {
  position_text: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date | string;
  previous_hash: string;
  hash: string;
}

interface StoredSummary {
  eventId: string;
  streamId: string;
  streamVersion: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    globalPosition: BigInt(row.position_text),
    recordedAt: row.recorded_at instanceof Date ? row.recorded_at.toISOString() : new Date(row.recorded_at).toISOString(),
    hash: row.hash,
    previousHash: row.previous_hash,
  };
}

function contentKey(e: { type: string; schemaVersion: number; data: unknown; metadata: unknown }): string {
  return canonicalJson([e.type, e.schemaVersion, e.data, e.metadata]);
}

/**
 * Event store on PostgreSQL (server or PGlite through pglite-socket), one schema per store.
 *
 * Gap-free `$all`: every append takes one transaction-level advisory lock per schema before it
 * reads the chain head, and keeps it until COMMIT. Positions are the head's position + 1, 2, ...,
 * so they are assigned in commit order. A bigserial alone is not enough: two transactions draw
 * 10 and 11, 11 commits first, a reader sees 11, moves its checkpoint past 10, and never sees 10
 * when it commits a moment later. Under the lock, a transaction only draws positions after the
 * previous one has committed and become visible (PostgreSQL releases locks after the commit is
 * visible), so any snapshot that shows position n also shows every position below n. The global
 * hash chain needs exactly this serialization anyway: each hash includes the previous one.
 * The price is one writer at a time per schema; a batch of 100 events is one multi-row INSERT.
 */
export class PostgresEventStore implements EventStore, ChainSource {
  readonly schema: string;
  private readonly pool: Pool;
  private readonly table: string;
  private readonly headTable: string;
  private readonly lockSql: string;
  private readonly channel: string;
  private readonly signal = new WakeSignal();
  private readonly subscriptions = new Set<PollingAllSubscription>();
  private listener?: Promise<PoolClient | undefined>;
  private closed = false;

  constructor(private readonly options: PostgresEventStoreOptions) {
    this.pool = options.pool;
    this.schema = assertSchemaName(options.schema ?? DEFAULT_SCHEMA);
    this.table = `"${this.schema}".events`;
    this.headTable = `"${this.schema}".chain_head`;
    // No parameters, so BEGIN and the lock travel in one simple-protocol round trip.
    this.lockSql = `BEGIN; SELECT pg_advisory_xact_lock(${appendLockKey(this.schema)})`;
    this.channel = notifyChannel(this.schema);
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    this.assertOpen();
    const normalized = normalizeEvents(streamId, events);
    if (normalized.length === 0) {
      const version = await this.streamVersion(streamId);
      checkExpectedVersion(streamId, expected, version);
      const position = await this.streamLastPosition(streamId);
      return { nextExpectedVersion: version, position, idempotent: true };
    }

    const client = await this.pool.connect();
    let inTransaction = false;
    let result: AppendResult;
    try {
      // BEGIN, the lock and the state read travel in one simple-protocol round trip (the stream id
      // goes in as an escaped literal). Each statement takes its own snapshot under READ COMMITTED,
      // so the read sees everything committed before the lock was granted.
      inTransaction = true;
      const literal = client.escapeLiteral(streamId);
      const results = (await client.query(
        `${this.lockSql};
         SELECT h.last_position::text AS head_position, h.last_hash AS head_hash,
           coalesce((SELECT max(stream_version) FROM ${this.table} WHERE stream_id = ${literal}), -1) AS current_version,
           (SELECT global_position::text FROM ${this.table} WHERE stream_id = ${literal} ORDER BY stream_version DESC LIMIT 1) AS stream_position
         FROM ${this.headTable} h`,
      )) as unknown as QueryResult<{ head_position: string; head_hash: string; current_version: string; stream_position: string | null }>[];
      const row = results[results.length - 1].rows[0];
      if (!row) throw new Error(`Event store schema "${this.schema}" has no chain head row; run the migration`);
      const current = Number(row.current_version);

      if (!versionMatches(expected, current)) {
        // Rule 1 comes before rule 2: the retry of a stored append is a no-op whatever it expected.
        await client.query('ROLLBACK');
        inTransaction = false;
        if (this.isSameAppend(streamId, normalized, await this.storedEvents(client, normalized))) {
          return { nextExpectedVersion: current, position: BigInt(row.stream_position ?? '0'), idempotent: true };
        }
        checkExpectedVersion(streamId, expected, current); // throws WrongExpectedVersionError
      }
      // Rules 1 and 3 for a matching version are settled by the unique index on event_id: the
      // INSERT fails only when an id is stored already (see the catch below), so the common path
      // pays no lookup.

      const recordedAt = (this.options.clock?.() ?? new Date()).toISOString();
      let position = BigInt(row.head_position);
      let previousHash = row.head_hash;
      const recorded: RecordedEvent[] = normalized.map((e, i) => {
        position += 1n;
        const fields = { ...e, streamId, streamVersion: current + 1 + i, globalPosition: position, recordedAt };
        const hash = chainHash(previousHash, fields);
        const event: RecordedEvent = { ...fields, previousHash, hash };
        previousHash = hash;
        return event;
      });
      const last = recorded[recorded.length - 1];
      const notify = this.options.notify ?? true;
      await client.query(
        `WITH ins AS (
           INSERT INTO ${this.table} (global_position, stream_id, stream_version, event_id, event_type, schema_version,
                                      data, metadata, recorded_at, previous_hash, hash)
           SELECT u.pos, $1, u.ver, u.id, u.typ, u.sv, u.data, u.meta, $2::timestamptz, u.prev, u.hash
           FROM unnest($3::bigint[], $4::int[], $5::text[], $6::text[], $7::int[], $8::jsonb[], $9::jsonb[], $10::text[], $11::text[])
             AS u(pos, ver, id, typ, sv, data, meta, prev, hash)
           RETURNING 1
         ), upd AS (
           UPDATE ${this.headTable} SET last_position = $12, last_hash = $13, last_event_id = $14,
                  last_stream_id = $1, last_stream_version = $15
           WHERE id RETURNING 1
         )
         SELECT (SELECT count(*) FROM ins) AS inserted, (SELECT count(*) FROM upd) AS heads${notify ? ', pg_notify($16, $12::text)' : ''}`,
        [
          streamId,
          recordedAt,
          recorded.map((e) => e.globalPosition.toString()),
          recorded.map((e) => e.streamVersion),
          recorded.map((e) => e.eventId),
          recorded.map((e) => e.type),
          recorded.map((e) => e.schemaVersion),
          recorded.map((e) => JSON.stringify(e.data)),
          recorded.map((e) => JSON.stringify(e.metadata)),
          recorded.map((e) => e.previousHash),
          recorded.map((e) => e.hash),
          last.globalPosition.toString(),
          last.hash,
          last.eventId,
          last.streamVersion,
          ...(notify ? [this.channel] : []),
        ],
      );
      if (this.options.beforeCommit) await this.options.beforeCommit({ streamId, events: recorded });
      await client.query('COMMIT');
      inTransaction = false;
      result = { nextExpectedVersion: last.streamVersion, position: last.globalPosition, idempotent: false };
    } catch (error) {
      if (inTransaction) await client.query('ROLLBACK').catch(() => undefined);
      if ((error as { code?: string; constraint?: string }).constraint === 'events_event_id_key') {
        // Same connection (a pool of one, as on PGlite, has no other), outside the rolled-back transaction.
        const stored = await this.storedEvents(client, normalized);
        if (!this.isSameAppend(streamId, normalized, stored)) throw new DuplicateEventIdError(stored[0]?.eventId ?? normalized[0].eventId, streamId);
        const tail = await client.query<{ v: number; p: string }>(
          `SELECT stream_version AS v, global_position::text AS p FROM ${this.table} WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1`,
          [streamId],
        );
        return { nextExpectedVersion: tail.rows[0].v, position: BigInt(tail.rows[0].p), idempotent: true };
      }
      throw await this.mapError(error, streamId, expected, normalized);
    } finally {
      client.release();
    }
    this.signal.notify();
    return result;
  }

  /** Stored events among the given ids, read on the append's own connection. */
  private async storedEvents(client: PoolClient, events: readonly NewEvent[]): Promise<StoredSummary[]> {
    const res = await client.query<{ event_id: string; stream_id: string; stream_version: number; event_type: string; schema_version: number; data: unknown; metadata: unknown }>(
      `SELECT event_id, stream_id, stream_version, event_type, schema_version, data, metadata FROM ${this.table} WHERE event_id = ANY($1::text[])`,
      [events.map((e) => e.eventId)],
    );
    return res.rows.map((r) => ({
      eventId: r.event_id,
      streamId: r.stream_id,
      streamVersion: r.stream_version,
      type: r.event_type,
      schemaVersion: r.schema_version,
      data: r.data,
      metadata: r.metadata,
    }));
  }

  /** Rule 1: every id stored in this stream, consecutively in this order, with the same content. */
  private isSameAppend(streamId: string, events: readonly NewEvent[], stored: readonly StoredSummary[]): boolean {
    if (stored.length !== events.length) return false;
    const byId = new Map(stored.map((s) => [s.eventId, s]));
    const inOrder = events.map((e) => byId.get(e.eventId));
    const first = inOrder[0];
    if (!first) return false;
    return inOrder.every(
      (s, i) => s !== undefined && s.streamId === streamId && s.streamVersion === first.streamVersion + i && contentKey(s) === contentKey(events[i]),
    );
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const res = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE stream_id = $1 AND stream_version >= $2 ORDER BY stream_version LIMIT $3`,
      [streamId, options.fromVersion ?? 0, options.maxCount ?? null],
    );
    return res.rows.map(toRecorded);
  }

  async streamVersion(streamId: string): Promise<number> {
    this.assertOpen();
    const res = await this.pool.query<{ v: number }>(
      `SELECT coalesce(max(stream_version), ${EMPTY_STREAM_VERSION})::int AS v FROM ${this.table} WHERE stream_id = $1`,
      [streamId],
    );
    return res.rows[0].v;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const res = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
      [(options.after ?? 0n).toString(), options.maxCount ?? null],
    );
    return res.rows.map(toRecorded);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    this.assertOpen();
    const pageSize = this.options.subscriptionPageSize ?? 500;
    const filter = options.filter;
    const readPage = async (after: bigint): Promise<PolledPage> => {
      // One statement, one snapshot: the head row bounds what this read can claim to have covered.
      const res = await this.pool.query<EventRow & { high_water: string }>(
        `WITH head AS MATERIALIZED (SELECT last_position FROM ${this.headTable})
         SELECT (SELECT last_position FROM head)::text AS high_water, e.*
         FROM (SELECT 1) AS one
         LEFT JOIN (
           SELECT ${COLUMNS}, global_position AS position_order FROM ${this.table}
           WHERE global_position > $1 AND global_position <= (SELECT last_position FROM head)
             AND ($3::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest($3::text[]) AS p(prefix) WHERE starts_with(stream_id, p.prefix)))
             AND ($4::text[] IS NULL OR event_type = ANY($4::text[]))
           ORDER BY global_position LIMIT $2
         ) e ON true
         ORDER BY e.position_order`,
        [after.toString(), pageSize, filter?.streamPrefixes ?? null, filter?.eventTypes ?? null],
      );
      const events = res.rows.filter((r) => r.position_text !== null).map(toRecorded);
      const caughtUp = events.length < pageSize;
      const highWater = caughtUp ? BigInt(res.rows[0]?.high_water ?? '0') : events[events.length - 1].globalPosition;
      return { events, caughtUp, highWater };
    };
    const subscription = new PollingAllSubscription(readPage, this.signal, options.after ?? 0n, this.options.pollIntervalMs ?? 1000, (s) =>
      this.subscriptions.delete(s),
    );
    this.subscriptions.add(subscription);
    this.ensureListener();
    return subscription;
  }

  /** Recomputes the global hash chain; see `verifyChain` in `tamper/`. */
  verifyChain(from?: bigint, to?: bigint): Promise<VerifyChainResult> {
    return verifyChain(this, from, to);
  }

  async chainHead(): Promise<ChainHead> {
    const res = await this.pool.query<{
      last_position: string;
      last_hash: string;
      last_event_id: string | null;
      last_stream_id: string | null;
      last_stream_version: number | null;
    }>(`SELECT last_position::text AS last_position, last_hash, last_event_id, last_stream_id, last_stream_version FROM ${this.headTable}`);
    const row = res.rows[0];
    if (!row) throw new Error(`Event store schema "${this.schema}" has no chain head row`);
    return {
      position: BigInt(row.last_position),
      hash: row.last_hash,
      ...(row.last_event_id !== null ? { eventId: row.last_event_id } : {}),
      ...(row.last_stream_id !== null ? { streamId: row.last_stream_id } : {}),
      ...(row.last_stream_version !== null ? { streamVersion: row.last_stream_version } : {}),
    };
  }

  async findByHash(hash: string): Promise<RecordedEvent | undefined> {
    const res = await this.pool.query<EventRow>(`SELECT ${COLUMNS} FROM ${this.table} WHERE hash = $1 LIMIT 1`, [hash]);
    return res.rows[0] ? toRecorded(res.rows[0]) : undefined;
  }

  /**
   * Stored events by id, in global order: the evidence behind an exception or a report figure. Ids
   * that are not stored are left out, so the caller can tell what it could not find.
   */
  async findEvents(eventIds: readonly string[]): Promise<RecordedEvent[]> {
    if (eventIds.length === 0) return [];
    const res = await this.pool.query<EventRow>(`SELECT ${COLUMNS} FROM ${this.table} WHERE event_id = ANY($1::text[]) ORDER BY global_position`, [[...eventIds]]);
    return res.rows.map(toRecorded);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    const listener = await this.listener;
    if (listener) listener.release(true);
    if (this.options.ownsPool) await this.pool.end();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('PostgresEventStore is closed');
  }

  private async streamLastPosition(streamId: string): Promise<bigint> {
    const res = await this.pool.query<{ p: string | null }>(
      `SELECT global_position::text AS p FROM ${this.table} WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1`,
      [streamId],
    );
    return BigInt(res.rows[0]?.p ?? '0');
  }

  /** LISTEN on a dedicated connection, so appends by other processes wake subscriptions at once. */
  private ensureListener(): void {
    const wanted = this.options.listen ?? (this.pool.options.max ?? 10) > 1;
    if (!wanted || this.listener) return;
    this.listener = (async () => {
      try {
        const client = await this.pool.connect();
        client.on('notification', () => this.signal.notify());
        client.on('error', () => undefined); // the poll fallback keeps subscriptions going
        await client.query(`LISTEN "${this.channel}"`);
        if (this.closed) {
          client.release(true);
          return undefined;
        }
        return client;
      } catch {
        return undefined; // no second connection: the poll fallback and in-process wake-ups remain
      }
    })();
  }

  private async mapError(error: unknown, streamId: string, expected: ExpectedVersion, events: readonly NewEvent[]): Promise<unknown> {
    const pgError = error as { code?: string; constraint?: string };
    if (pgError?.code !== '23505') return error;
    // Only reachable when something writes without the append lock; the lock normally prevents it.
    if (pgError.constraint === 'events_stream_version_key') {
      return new WrongExpectedVersionError(streamId, expected, await this.streamVersion(streamId).catch(() => -1));
    }
    if (pgError.constraint === 'events_event_id_key') return new DuplicateEventIdError(events[0]?.eventId ?? '', streamId);
    return error;
  }
}
