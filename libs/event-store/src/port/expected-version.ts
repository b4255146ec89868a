/**
 * Optimistic concurrency for appends.
 * - `any`: append whatever the stream holds;
 * - `no_stream`: the stream must not exist yet;
 * - `stream_exists`: the stream must hold at least one event;
 * - a number: the revision (0-based) of the stream's last event.
 */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | number;

/** Revision of an empty stream, as reported in `AppendResult.nextExpectedVersion`. */
export const EMPTY_STREAM_VERSION = -1;

export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`Stream ${streamId}: expected version ${String(expected)}, actual ${actual}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/** An event id already stored with other content or in another stream: never silently ignored. */
export class DuplicateEventIdError extends Error {
  constructor(readonly eventId: string, readonly streamId: string) {
    super(`Event ${eventId} is already stored with different content or in another stream than ${streamId}`);
    this.name = 'DuplicateEventIdError';
  }
}
