import { AllSubscription, AppendResult, EventStore, ExpectedVersion, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent, WrongExpectedVersionError } from '@recon/event-store';

const matches = (expected: ExpectedVersion, version: number): boolean =>
  expected === 'any' || (expected === 'no_stream' ? version < 0 : expected === 'stream_exists' ? version >= 0 : expected === version);

/**
 * The store as a dry run sees it: every stream reads as stored plus what the run appended, and
 * appends stay here, in memory, never reaching the real store. So the ingestion's own decisions
 * (idempotency, conflicting duplicates, cancellations, settling pages) run unchanged on a copy.
 * `$all` and subscriptions are the real store's: the run's own events have no global position.
 */
export class DryRunStore implements EventStore {
  private readonly pending = new Map<string, RecordedEvent[]>();

  constructor(
    private readonly real: EventStore,
    private readonly recordedAt: string,
  ) {}

  /** What the run would have appended, stream by stream, in order. */
  get appended(): ReadonlyMap<string, readonly RecordedEvent[]> {
    return this.pending;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const all = [...(await this.real.readStream(streamId)), ...(this.pending.get(streamId) ?? [])];
    const from = options.fromVersion ?? 0;
    return all.slice(from, options.maxCount === undefined ? undefined : from + options.maxCount);
  }

  async streamVersion(streamId: string): Promise<number> {
    return (await this.readStream(streamId)).length - 1;
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    const stream = await this.readStream(streamId);
    const version = stream.length - 1;
    const known = new Set(stream.map((event) => event.eventId));
    if (events.length > 0 && events.every((event) => known.has(event.eventId))) return { nextExpectedVersion: version, position: 0n, idempotent: true };
    if (!matches(expected, version)) throw new WrongExpectedVersionError(streamId, expected, version);
    const added = events.map((event, index): RecordedEvent => ({
      ...event, streamId, streamVersion: version + 1 + index, globalPosition: 0n, recordedAt: this.recordedAt, hash: '', previousHash: '',
    }));
    this.pending.set(streamId, [...(this.pending.get(streamId) ?? []), ...added]);
    return { nextExpectedVersion: version + events.length, position: 0n, idempotent: false };
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.real.readAll(options);
  }

  subscribeToAll(): AllSubscription {
    throw new Error('a dry run does not subscribe');
  }

  /** The real store belongs to the caller. */
  async close(): Promise<void> {}
}
