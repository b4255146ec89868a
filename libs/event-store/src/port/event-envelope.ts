/**
 * What the store keeps for every event. Data and metadata are plain JSON: quantities travel as
 * decimal strings, never as JavaScript numbers.
 */
export interface EventMetadata {
  /** Ties together everything one request or message caused. */
  readonly correlationId?: string;
  /** The event or command that directly caused this one. */
  readonly causationId?: string;
  /** Who did it: a user id, or a system component such as `chain-watcher`. */
  readonly actor?: string;
  /** Where the fact comes from: statement reference, tx hash + log index, upload file name. */
  readonly sourceDocument?: string;
  /** Business time (statement as-of, block time, trade time), ISO-8601 UTC. */
  readonly businessTime?: string;
  readonly [key: string]: unknown;
}

/** An event about to be appended. The id makes appends idempotent, so it is chosen by the caller. */
export interface NewEvent<TType extends string = string, TData = unknown> {
  readonly eventId: string;
  readonly type: TType;
  readonly schemaVersion: number;
  readonly data: TData;
  readonly metadata: EventMetadata;
}

/** An event as stored: its place in its stream, its place in `$all`, and its link in the hash chain. */
export interface RecordedEvent<TType extends string = string, TData = unknown> extends NewEvent<TType, TData> {
  readonly streamId: string;
  /** 0-based revision within the stream. */
  readonly streamVersion: number;
  /** Position in the global order (`$all`); strictly increasing in commit order. */
  readonly globalPosition: bigint;
  /** System time at which the store recorded the event, ISO-8601 UTC. */
  readonly recordedAt: string;
  /** Hash of this event chained to the previous one (hex). */
  readonly hash: string;
  readonly previousHash: string;
}
