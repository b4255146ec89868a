import { DuplicateEventIdError, EMPTY_STREAM_VERSION, EventMetadata, ExpectedVersion, NewEvent, WrongExpectedVersionError } from '../port';

/** Throws `WrongExpectedVersionError` unless `actual` (-1 for no stream) satisfies `expected`. */
export function checkExpectedVersion(streamId: string, expected: ExpectedVersion, actual: number): void {
  if (!versionMatches(expected, actual)) throw new WrongExpectedVersionError(streamId, expected, actual);
}

export function versionMatches(expected: ExpectedVersion, actual: number): boolean {
  return (
    expected === 'any' ||
    (expected === 'no_stream' && actual === EMPTY_STREAM_VERSION) ||
    (expected === 'stream_exists' && actual > EMPTY_STREAM_VERSION) ||
    (typeof expected === 'number' && expected === actual)
  );
}

/**
 * Validates a batch and returns it with data and metadata as plain JSON values (a JSON round trip),
 * so that what is hashed at append time is exactly what a reader gets back from the database.
 */
export function normalizeEvents(streamId: string, events: readonly NewEvent[]): NewEvent[] {
  if (!streamId) throw new Error('streamId must not be empty');
  const ids = new Set<string>();
  return events.map((e) => {
    if (typeof e.eventId !== 'string' || e.eventId.length === 0) throw new Error(`Stream ${streamId}: every event needs an eventId`);
    if (ids.has(e.eventId)) throw new DuplicateEventIdError(e.eventId, streamId);
    ids.add(e.eventId);
    if (!e.type) throw new Error(`Event ${e.eventId}: type must not be empty`);
    if (!Number.isInteger(e.schemaVersion)) throw new Error(`Event ${e.eventId}: schemaVersion must be an integer`);
    return {
      eventId: e.eventId,
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: roundTrip(e.data, e.eventId, 'data'),
      metadata: roundTrip(e.metadata ?? {}, e.eventId, 'metadata') as EventMetadata,
    };
  });
}

function roundTrip(value: unknown, eventId: string, what: string): unknown {
  const text = JSON.stringify(value);
  if (text === undefined) throw new Error(`Event ${eventId}: ${what} is not JSON`);
  return JSON.parse(text);
}
