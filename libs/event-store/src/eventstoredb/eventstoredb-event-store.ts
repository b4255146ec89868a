import {
  AllStreamResolvedEvent,
  AppendExpectedRevision,
  BACKWARDS,
  END,
  EventStoreDBClient,
  eventTypeFilter,
  excludeSystemEvents,
  Filter,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  Position,
  ResolvedEvent,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  streamNameFilter,
  ANY,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
} from '@eventstore/db-client';
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
import { checkExpectedVersion, normalizeEvents } from '../support/append-rules';
import { matchesFilter } from '../support/polling-subscription';
import { canonicalJson } from '../tamper/canonical-json';
import { chainHash, GENESIS_HASH } from '../tamper/hash';
import { toEsdbEventId } from './deterministic-uuid';

/**
 * Metadata key under which the adapter keeps what ESDB has no field for. User metadata is stored
 * beside it, unchanged, and `$recon` is removed again when reading.
 */
export const RECON_METADATA_KEY = '$recon';

interface ReconMetadata {
  /** The caller's event id (ESDB's id is its UUID, or the UUIDv5 of a non-UUID id). */
  readonly eventId: string;
  readonly schemaVersion: number;
  /** Client clock at append; covered by the hash (ESDB's `created` is only known after the write). */
  readonly recordedAt: string;
  readonly previousHash: string;
  readonly hash: string;
}

/** Maps the port's expected version to an ESDB expected revision. */
export function toEsdbExpectedRevision(expected: ExpectedVersion): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream' || expected === EMPTY_STREAM_VERSION) return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  return BigInt(expected);
}

/**
 * ESDB positions are pairs (commit, prepare) of 64-bit log positions; `$all` is ordered by commit
 * then prepare. The port wants one bigint, so the pair is packed as `commit * 2^64 + prepare`:
 * lossless (so a checkpoint turns back into the exact ESDB `Position`), ordered exactly like
 * `$all`, and unique per event (prepare positions are). The numbers are large; keep them as
 * bigint or decimal strings.
 */
export function positionToBigint(position: Position): bigint {
  return (position.commit << 64n) | position.prepare;
}

export function bigintToPosition(value: bigint): Position {
  return { commit: value >> 64n, prepare: value & 0xffff_ffff_ffff_ffffn };
}

export interface EventStoreDbEventStoreOptions {
  /** Connection string, e.g. `esdb://localhost:2113?tls=false` ... */
  readonly connectionString?: string;
  /** ... or a client (kept open on close unless `ownsClient`). */
  readonly client?: EventStoreDBClient;
  readonly ownsClient?: boolean;
  /**
   * How many of a stream's last events an append scans for ids already stored (rule 1 and 3 of
   * the port). ESDB has no lookup by event id; a retry older than this window is not recognized.
   * Default 500.
   */
  readonly idempotencyWindow?: number;
  /** Retries when another writer moved the stream during an `any`/`stream_exists` append; default 5. */
  readonly maxAppendAttempts?: number;
  readonly clock?: () => Date;
}

export function createEventStoreDbEventStore(options: EventStoreDbEventStoreOptions): EventStoreDbEventStore {
  return new EventStoreDbEventStore(options);
}

function isSystem(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$');
}

function contentKey(e: { type: string; schemaVersion: number; data: unknown; metadata: unknown }): string {
  return canonicalJson([e.type, e.schemaVersion, e.data, e.metadata]);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The production adapter on EventStoreDB.
 *
 * Hash chain per stream, not global: ESDB has no transaction across streams, so an append to one
 * stream cannot read and extend a global chain head atomically; a global chain would need every
 * write to go through one stream (a global bottleneck) and could still fork between the chain
 * write and the event write. Per stream, the optimistic concurrency check makes "read the last
 * hash, append with that revision" atomic: every append passes the revision it read (even for
 * `any`) and retries when the stream moved. The hash covers everything but the global position,
 * which ESDB assigns only when it writes; `previousHash`/`hash` live in metadata under `$recon`.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly ownsClient: boolean;
  private readonly subscriptions = new Set<AllSubscription>();
  private closed = false;

  constructor(private readonly options: EventStoreDbEventStoreOptions) {
    if (options.client) {
      this.client = options.client;
      this.ownsClient = options.ownsClient ?? false;
    } else if (options.connectionString) {
      this.client = EventStoreDBClient.connectionString(options.connectionString);
      this.ownsClient = options.ownsClient ?? true;
    } else {
      throw new Error('EventStoreDbEventStore needs a connectionString or a client');
    }
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    this.assertOpen();
    const normalized = normalizeEvents(streamId, events);
    const attempts = this.options.maxAppendAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      const tail = await this.readTail(streamId, normalized.length === 0 ? 1 : (this.options.idempotencyWindow ?? 500));
      const version = tail.length === 0 ? EMPTY_STREAM_VERSION : tail[tail.length - 1].streamVersion;
      const lastPosition = tail.length === 0 ? 0n : tail[tail.length - 1].globalPosition;

      // Rule 1: all ids stored in this stream, in order, with the same content → no-op.
      const ids = new Set(normalized.map((e) => e.eventId));
      const existing = tail.filter((e) => ids.has(e.eventId));
      if (normalized.length > 0 && existing.length === normalized.length) {
        const byId = new Map(existing.map((e) => [e.eventId, e]));
        const stored = normalized.map((e) => byId.get(e.eventId)!);
        const same =
          stored.every((s, i) => s.streamVersion === stored[0].streamVersion + i) && normalized.every((e, i) => contentKey(e) === contentKey(stored[i]));
        if (same) return { nextExpectedVersion: version, position: lastPosition, idempotent: true };
      }
      // Rule 2.
      checkExpectedVersion(streamId, expected, version);
      // Rule 3 (within the idempotency window: ESDB cannot look ids up across streams).
      if (existing.length > 0) throw new DuplicateEventIdError(existing[0].eventId, streamId);
      if (normalized.length === 0) return { nextExpectedVersion: version, position: lastPosition, idempotent: true };

      const recordedAt = (this.options.clock?.() ?? new Date()).toISOString();
      let previousHash = tail.length === 0 ? GENESIS_HASH : tail[tail.length - 1].hash || GENESIS_HASH;
      const payload = normalized.map((e, i) => {
        const hash = chainHash(previousHash, { ...e, streamId, streamVersion: version + 1 + i, recordedAt });
        const recon: ReconMetadata = { eventId: e.eventId, schemaVersion: e.schemaVersion, recordedAt, previousHash, hash };
        previousHash = hash;
        return jsonEvent({
          id: toEsdbEventId(e.eventId),
          type: e.type,
          data: e.data as Record<string, unknown>,
          metadata: { ...e.metadata, [RECON_METADATA_KEY]: recon },
        });
      });
      try {
        // The revision read above, not `expected`: this keeps the per-stream chain from forking.
        const result = await this.client.appendToStream(streamId, payload, {
          expectedRevision: version === EMPTY_STREAM_VERSION ? NO_STREAM : BigInt(version),
        });
        const nextExpectedVersion = Number(result.nextExpectedRevision);
        // Read the last event back for its exact $all position (the append result's position is
        // that of the write, and is missing on older servers).
        const [last] = await this.readStream(streamId, { fromVersion: nextExpectedVersion, maxCount: 1 });
        return {
          nextExpectedVersion,
          position: last?.globalPosition ?? (result.position ? positionToBigint(result.position) : 0n),
          idempotent: false,
        };
      } catch (error) {
        if (!(error instanceof EsdbWrongExpectedVersionError)) throw error;
        if (attempt >= attempts) {
          const actual = error.actualVersion === NO_STREAM ? EMPTY_STREAM_VERSION : Number(error.actualVersion);
          throw new WrongExpectedVersionError(streamId, expected, actual);
        }
        // Another writer got in between: re-read; rules 1-3 decide again with the new tail.
      }
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const out: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        fromRevision: BigInt(options.fromVersion ?? 0),
        direction: FORWARDS,
        ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
      });
      for await (const resolved of read) {
        const event = this.toRecorded(resolved);
        if (event) out.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  async streamVersion(streamId: string): Promise<number> {
    this.assertOpen();
    const tail = await this.readTail(streamId, 1);
    return tail.length === 0 ? EMPTY_STREAM_VERSION : tail[0].streamVersion;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const out: RecordedEvent[] = [];
    let after = options.after;
    for (;;) {
      const chunk = Math.min(1000, Math.max(16, (max - out.length) * 2 + 1));
      // fromPosition is inclusive for reads: the event at `after` comes back and is skipped.
      const read = this.client.readAll({ fromPosition: after === undefined ? START : bigintToPosition(after), maxCount: chunk, direction: FORWARDS });
      let seen = 0;
      let lastPosition: bigint | undefined;
      for await (const resolved of read) {
        seen++;
        const event = this.toRecorded(resolved);
        if (!event) continue;
        lastPosition = event.globalPosition;
        if (after !== undefined && event.globalPosition <= after) continue;
        if (isSystem(event.streamId, event.type)) continue;
        out.push(event);
        if (out.length >= max) break;
      }
      if (out.length >= max || seen < chunk || lastPosition === undefined) return out;
      after = lastPosition;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    this.assertOpen();
    const filter = options.filter;
    let serverFilter: Filter;
    if (filter?.streamPrefixes) serverFilter = streamNameFilter({ prefixes: [...filter.streamPrefixes] });
    else if (filter?.eventTypes) serverFilter = eventTypeFilter({ regex: `^(?:${filter.eventTypes.map(escapeRegex).join('|')})$` });
    else serverFilter = excludeSystemEvents();
    // Subscriptions start after fromPosition (exclusive); the position guard below is a second check.
    const subscription = this.client.subscribeToAll({
      fromPosition: options.after === undefined ? START : bigintToPosition(options.after),
      filter: serverFilter,
    });
    let closed = false;
    let iterator: AsyncIterator<RecordedEvent> | undefined;
    const toRecorded = (r: AllStreamResolvedEvent): RecordedEvent | undefined => this.toRecorded(r);
    const subscriptions = this.subscriptions;
    const result: AllSubscription = {
      [Symbol.asyncIterator]() {
        iterator ??= (async function* () {
          let checkpoint = options.after ?? -1n;
          try {
            for await (const resolved of subscription as AsyncIterable<AllStreamResolvedEvent>) {
              if (closed) return;
              const event = toRecorded(resolved);
              if (!event || event.globalPosition <= checkpoint) continue;
              checkpoint = event.globalPosition;
              if (isSystem(event.streamId, event.type) || !matchesFilter(event, filter)) continue;
              yield event;
            }
          } catch (error) {
            if (!closed) throw error; // cancellation after close() is the normal end
          } finally {
            await result.close();
          }
        })();
        return iterator;
      },
      async close() {
        if (closed) return;
        closed = true;
        subscriptions.delete(result);
        await subscription.unsubscribe().catch(() => undefined);
      },
    };
    this.subscriptions.add(result);
    return result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    if (this.ownsClient) await this.client.dispose();
  }

  /** The last `count` events of a stream, oldest first; empty for a missing stream. */
  private async readTail(streamId: string, count: number): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: count })) {
        const event = this.toRecorded(resolved);
        if (event) out.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out.reverse();
  }

  private toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
    const event = resolved.event;
    if (!event || !event.isJson) return undefined;
    const rawMetadata = (event.metadata ?? {}) as Record<string, unknown>;
    const { [RECON_METADATA_KEY]: reconRaw, ...metadata } = rawMetadata;
    const recon = reconRaw as ReconMetadata | undefined;
    const position = event.position
      ? positionToBigint(event.position)
      : resolved.commitPosition !== undefined
        ? positionToBigint({ commit: resolved.commitPosition, prepare: resolved.commitPosition })
        : -1n;
    return {
      eventId: recon?.eventId ?? event.id,
      type: event.type,
      schemaVersion: recon?.schemaVersion ?? 1,
      data: event.data,
      metadata: metadata as EventMetadata,
      streamId: event.streamId,
      streamVersion: Number(event.revision),
      globalPosition: position,
      recordedAt: recon?.recordedAt ?? event.created.toISOString(),
      hash: recon?.hash ?? '',
      previousHash: recon?.previousHash ?? '',
    };
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('EventStoreDbEventStore is closed');
  }
}
