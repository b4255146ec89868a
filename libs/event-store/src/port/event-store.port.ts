import { NewEvent, RecordedEvent } from './event-envelope';
import { ExpectedVersion } from './expected-version';

export interface AppendResult {
  /** Revision of the stream's last event after the append (-1 for a stream that is still empty). */
  readonly nextExpectedVersion: number;
  /** Global position of the last event written, or of the stream's last event when nothing was new. */
  readonly position: bigint;
  /** True when every event id was already stored: the append changed nothing. */
  readonly idempotent: boolean;
}

export interface ReadStreamOptions {
  /** First revision to read (inclusive); default 0. */
  readonly fromVersion?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Read events strictly after this position; default: from the beginning. */
  readonly after?: bigint;
  readonly maxCount?: number;
}

export interface AllFilter {
  /** Keep events whose stream id starts with one of these prefixes, e.g. `asset-`. */
  readonly streamPrefixes?: readonly string[];
  /** Keep events of these types. */
  readonly eventTypes?: readonly string[];
}

export interface SubscribeToAllOptions {
  /** Deliver events strictly after this position (a stored checkpoint); default: from the beginning. */
  readonly after?: bigint;
  readonly filter?: AllFilter;
}

/**
 * A catch-up subscription: first every stored event after the checkpoint, then live ones, in
 * global order, each exactly once. Iterate it with `for await`; `close()` ends the iteration.
 */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

/** The single event-store port. Every adapter passes the same contract suite. */
export interface EventStore {
  /**
   * Appends atomically. Rules, in order:
   * 1. events whose ids are all stored already in this stream, in the same order → no-op (`idempotent`);
   * 2. the expected version must match, else `WrongExpectedVersionError`;
   * 3. an id stored elsewhere → `DuplicateEventIdError`.
   */
  appendToStream(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult>;
  /** Events of one stream in revision order; an unknown stream reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Revision of the stream's last event, or -1 when the stream does not exist. */
  streamVersion(streamId: string): Promise<number>;
  /** A page of `$all` in global order. Never skips an event whose transaction commits late. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');

/** Optional capability: look stored events up by id (the PostgreSQL adapter has it). */
export interface EventLookup {
  findEvents(eventIds: readonly string[]): Promise<RecordedEvent[]>;
}

export const canFindEvents = (store: EventStore): store is EventStore & EventLookup =>
  typeof (store as Partial<EventLookup>).findEvents === 'function';
