/* The contract every EventStore adapter passes, run unchanged from each adapter's *.int.spec.ts. */
import {
  AllSubscription,
  DuplicateEventIdError,
  EventStore,
  ExpectedVersion,
  NewEvent,
  RecordedEvent,
  WrongExpectedVersionError,
} from '../port';
import { HeldAppend } from './transaction-hold';

export type { HeldAppend } from './transaction-hold';

export interface ContractSubject {
  /** A fresh, isolated store (own schema, or own stream-name prefix on a shared server). */
  readonly store: EventStore;
  /** Prepended to every stream id the suite uses; '' for a store of its own. */
  readonly streamPrefix?: string;
  /**
   * Optional: append while keeping the transaction open for `holdMs` before COMMIT, so tests can
   * make a writer commit late. Adapters without client-side transactions leave it out.
   */
  appendHoldingTransaction?(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion, holdMs: number): HeldAppend;
  /** Whether an event id stored in one stream is refused in another (PostgreSQL: yes; EventStoreDB: no). */
  readonly globalEventIdUniqueness?: boolean;
  /** Closes the store and removes what the subject created. */
  dispose(): Promise<void>;
}

export type ContractSubjectFactory = () => Promise<ContractSubject>;

const LONG = 60_000;

let counter = 0;
/** A unique event id (the suite never reuses ids across tests, so shared servers are fine). */
export function uniqueId(label = 'e'): string {
  counter++;
  return `${label}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

export function testEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    eventId: uniqueId(),
    type: 'TestEvent',
    schemaVersion: 1,
    data: { amount: '100.25', nested: { b: 2, a: [1, 'x', null] } },
    metadata: { correlationId: 'corr-1', actor: 'contract-test', businessTime: '2024-01-02T03:04:05.000Z' },
    ...overrides,
  };
}

function events(n: number, overrides: Partial<NewEvent> = {}): NewEvent[] {
  return Array.from({ length: n }, () => testEvent(overrides));
}

/** Collects a subscription in the background; `waitFor` resolves when a predicate holds. */
export class SubscriptionCollector {
  readonly received: RecordedEvent[] = [];
  readonly finished: Promise<void>;
  private ended = false;
  private failure: unknown;
  private readonly waiters = new Set<() => void>();

  constructor(subscription: AllSubscription) {
    this.finished = (async () => {
      try {
        for await (const event of subscription) {
          this.received.push(event);
          this.wake();
        }
      } catch (error) {
        this.failure = error;
      } finally {
        this.ended = true;
        this.wake();
      }
    })();
  }

  /** Resolves when `predicate(received)` holds; rejects if the subscription ends first. */
  waitFor(predicate: (received: readonly RecordedEvent[]) => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        if (predicate(this.received)) {
          resolve();
          return true;
        }
        if (this.ended) {
          reject(this.failure ?? new Error(`subscription ended after ${this.received.length} events before the expected ones arrived`));
          return true;
        }
        return false;
      };
      if (check()) return;
      const waiter = (): void => {
        if (check()) this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

export function describeEventStoreContract(name: string, factory: ContractSubjectFactory): void {
  describe(`EventStore contract: ${name}`, () => {
    let subject: ContractSubject;
    let store: EventStore;
    let s: (stream: string) => string;

    beforeEach(async () => {
      subject = await factory();
      store = subject.store;
      s = (stream) => `${subject.streamPrefix ?? ''}${stream}`;
    }, LONG);

    afterEach(async () => {
      await subject?.dispose();
    }, LONG);

    /** Position of a fresh marker event: reads after it see only what the test wrote (on shared servers too). */
    async function marker(): Promise<bigint> {
      const result = await store.appendToStream(s(`marker-${uniqueId('m')}`), [testEvent({ type: 'Marker' })], 'no_stream');
      return result.position;
    }

    const mine = (e: RecordedEvent): boolean => e.streamId.startsWith(subject.streamPrefix ?? '') && e.type !== 'Marker';

    describe('append and read', () => {
      it('appends a batch and reads it back with versions, positions, hash links and unchanged content', async () => {
        const batch = events(3);
        const result = await store.appendToStream(s('asset-1'), batch, 'no_stream');
        expect(result).toEqual({ nextExpectedVersion: 2, position: expect.any(BigInt), idempotent: false });

        const read = await store.readStream(s('asset-1'));
        expect(read.map((e) => e.eventId)).toEqual(batch.map((e) => e.eventId));
        expect(read.map((e) => e.streamVersion)).toEqual([0, 1, 2]);
        expect(read.every((e) => e.streamId === s('asset-1'))).toBe(true);
        expect(read[2].globalPosition).toBe(result.position);
        expect(read[0].globalPosition < read[1].globalPosition && read[1].globalPosition < read[2].globalPosition).toBe(true);
        read.forEach((e, i) => {
          expect(e.type).toBe(batch[i].type);
          expect(e.schemaVersion).toBe(1);
          expect(e.data).toEqual(batch[i].data);
          expect(e.metadata).toEqual(batch[i].metadata);
          expect(new Date(e.recordedAt).toISOString()).toBe(e.recordedAt);
          expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
        });
        expect(read[1].previousHash).toBe(read[0].hash);
        expect(read[2].previousHash).toBe(read[1].hash);
        expect(await store.streamVersion(s('asset-1'))).toBe(2);
      });

      it('reads an unknown stream as empty with version -1', async () => {
        expect(await store.readStream(s('asset-unknown'))).toEqual([]);
        expect(await store.streamVersion(s('asset-unknown'))).toBe(-1);
      });

      it('reads a stream from a version with a maximum count', async () => {
        const batch = events(5);
        await store.appendToStream(s('asset-2'), batch, 'any');
        const page = await store.readStream(s('asset-2'), { fromVersion: 1, maxCount: 3 });
        expect(page.map((e) => e.eventId)).toEqual(batch.slice(1, 4).map((e) => e.eventId));
      });
    });

    describe('expected version', () => {
      it('accepts no_stream on a new stream and refuses it on an existing one', async () => {
        await store.appendToStream(s('trade-1'), events(1), 'no_stream');
        const error = await store.appendToStream(s('trade-1'), events(1), 'no_stream').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({ streamId: s('trade-1'), expected: 'no_stream', actual: 0 });
        expect(await store.streamVersion(s('trade-1'))).toBe(0);
      });

      it('accepts the exact version and refuses a stale one', async () => {
        await store.appendToStream(s('trade-2'), events(2), 'no_stream');
        const next = await store.appendToStream(s('trade-2'), events(1), 1);
        expect(next.nextExpectedVersion).toBe(2);
        const error = await store.appendToStream(s('trade-2'), events(1), 1).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({ expected: 1, actual: 2 });
        expect(await store.streamVersion(s('trade-2'))).toBe(2);
      });

      it('refuses stream_exists on a missing stream and accepts any', async () => {
        await expect(store.appendToStream(s('trade-3'), events(1), 'stream_exists')).rejects.toBeInstanceOf(WrongExpectedVersionError);
        await store.appendToStream(s('trade-3'), events(1), 'any');
        await store.appendToStream(s('trade-3'), events(1), 'stream_exists');
        await store.appendToStream(s('trade-3'), events(1), 'any');
        expect(await store.streamVersion(s('trade-3'))).toBe(2);
      });

      it('refuses an exact version on a stream that does not exist', async () => {
        await expect(store.appendToStream(s('trade-4'), events(1), 0)).rejects.toBeInstanceOf(WrongExpectedVersionError);
        expect(await store.readStream(s('trade-4'))).toEqual([]);
      });
    });

    describe('idempotency by event id', () => {
      it('re-appending the same events is a no-op, even with a stale expected version', async () => {
        const batch = events(3);
        const first = await store.appendToStream(s('issuance-1'), batch, 'no_stream');
        const again = await store.appendToStream(s('issuance-1'), batch, 'no_stream');
        expect(again).toEqual({ nextExpectedVersion: 2, position: first.position, idempotent: true });
        const stale = await store.appendToStream(s('issuance-1'), batch, 7);
        expect(stale.idempotent).toBe(true);
        expect(await store.streamVersion(s('issuance-1'))).toBe(2);
        expect((await store.readStream(s('issuance-1'))).length).toBe(3);
      });

      it('refuses a stored id with other content', async () => {
        const event = testEvent();
        await store.appendToStream(s('issuance-2'), [event], 'no_stream');
        const error = await store
          .appendToStream(s('issuance-2'), [{ ...event, data: { amount: '999' } }], 'any')
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DuplicateEventIdError);
        expect(error).toMatchObject({ eventId: event.eventId });
        expect((await store.readStream(s('issuance-2'))).map((e) => e.data)).toEqual([event.data]);
      });

      it('refuses a batch in which only some ids are stored', async () => {
        const stored = testEvent();
        await store.appendToStream(s('issuance-3'), [stored], 'no_stream');
        await expect(store.appendToStream(s('issuance-3'), [stored, testEvent()], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect(await store.streamVersion(s('issuance-3'))).toBe(0);
      });

      it('refuses an id that is stored in another stream (where the store keeps ids unique globally)', async () => {
        const event = testEvent();
        await store.appendToStream(s('issuance-4'), [event], 'no_stream');
        if (subject.globalEventIdUniqueness === false) {
          // Documented limitation of this adapter; the test still proves the first append happened.
          expect(await store.streamVersion(s('issuance-4'))).toBe(0);
          return;
        }
        await expect(store.appendToStream(s('issuance-5'), [event], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect(await store.streamVersion(s('issuance-5'))).toBe(-1);
      });
    });

    describe('$all', () => {
      it('pages through $all with after in strictly increasing positions', async () => {
        const start = await marker();
        const written: string[] = [];
        for (const stream of ['custody-a-1', 'asset-9', 'custody-a-1', 'trade-9']) {
          const batch = events(2);
          written.push(...batch.map((e) => e.eventId));
          await store.appendToStream(s(stream), batch, 'any');
        }
        const pages: RecordedEvent[][] = [];
        let after = start;
        for (;;) {
          const page = await store.readAll({ after, maxCount: 3 });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(3);
          pages.push(page);
          after = page[page.length - 1].globalPosition;
        }
        const all = pages.flat().filter(mine);
        expect(all.map((e) => e.eventId)).toEqual(written);
        for (let i = 1; i < all.length; i++) expect(all[i].globalPosition > all[i - 1].globalPosition).toBe(true);
        expect(all[0].globalPosition > start).toBe(true);
      });
    });

    describe('subscribeToAll', () => {
      it('catches up, then delivers live events, with stream-prefix and event-type filters', async () => {
        const start = await marker();
        await store.appendToStream(s('asset-1'), [testEvent({ type: 'AssetRegistered' })], 'no_stream');
        await store.appendToStream(s('trade-1'), [testEvent({ type: 'TradeBooked' })], 'no_stream');
        await store.appendToStream(s('asset-2'), [testEvent({ type: 'AssetRegistered' }), testEvent({ type: 'AssetRenamed' })], 'no_stream');

        const byPrefix = new SubscriptionCollector(store.subscribeToAll({ after: start, filter: { streamPrefixes: [s('asset-')] } }));
        const byType = new SubscriptionCollector(store.subscribeToAll({ after: start, filter: { eventTypes: ['TradeBooked', 'AssetRenamed'] } }));
        const both = new SubscriptionCollector(
          store.subscribeToAll({ after: start, filter: { streamPrefixes: [s('asset-')], eventTypes: ['AssetRegistered'] } }),
        );
        await byPrefix.waitFor((r) => r.length >= 3);
        await byType.waitFor((r) => r.length >= 2);
        await both.waitFor((r) => r.length >= 2);

        // Live.
        await store.appendToStream(s('trade-2'), [testEvent({ type: 'TradeBooked' })], 'no_stream');
        await store.appendToStream(s('asset-3'), [testEvent({ type: 'AssetRegistered' })], 'no_stream');
        await byPrefix.waitFor((r) => r.length >= 4);
        await byType.waitFor((r) => r.length >= 3);
        await both.waitFor((r) => r.length >= 3);

        const subs = [byPrefix, byType, both];
        expect(byPrefix.received.map((e) => e.streamId)).toEqual([s('asset-1'), s('asset-2'), s('asset-2'), s('asset-3')]);
        expect(byType.received.map((e) => `${e.streamId}:${e.type}`)).toEqual([
          `${s('trade-1')}:TradeBooked`,
          `${s('asset-2')}:AssetRenamed`,
          `${s('trade-2')}:TradeBooked`,
        ]);
        expect(both.received.map((e) => e.streamId)).toEqual([s('asset-1'), s('asset-2'), s('asset-3')]);
        for (const sub of subs) {
          for (let i = 1; i < sub.received.length; i++) expect(sub.received[i].globalPosition > sub.received[i - 1].globalPosition).toBe(true);
        }
        await store.close();
        await Promise.all(subs.map((c) => c.finished));
      }, LONG);

      it('starts after a checkpoint and close() ends the iteration', async () => {
        const start = await marker();
        const [first, second] = events(2);
        const r1 = await store.appendToStream(s('exception-1'), [first], 'no_stream');
        await store.appendToStream(s('exception-1'), [second], 0);

        const subscription = store.subscribeToAll({ after: r1.position, filter: { streamPrefixes: [s('exception-')] } });
        const collector = new SubscriptionCollector(subscription);
        await collector.waitFor((r) => r.length >= 1);
        expect(collector.received.map((e) => e.eventId)).toEqual([second.eventId]);
        expect(start < r1.position).toBe(true);

        await subscription.close();
        await collector.finished; // would never resolve if close() did not end the iteration
        await store.appendToStream(s('exception-1'), events(1), 1);
        expect(collector.received.map((e) => e.eventId)).toEqual([second.eventId]);
      }, LONG);
    });

    describe('concurrency', () => {
      it('two appenders racing on one stream with the same expected version: exactly one wins', async () => {
        await store.appendToStream(s('statement-1'), events(1), 'no_stream');
        const a = events(2);
        const b = events(2);
        const results = await Promise.allSettled([store.appendToStream(s('statement-1'), a, 0), store.appendToStream(s('statement-1'), b, 0)]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0].reason).toBeInstanceOf(WrongExpectedVersionError);
        const stored = (await store.readStream(s('statement-1'))).map((e) => e.eventId);
        expect(stored).toHaveLength(3);
        expect([a, b].some((batch) => batch.every((e, i) => stored[i + 1] === e.eventId))).toBe(true);
      }, LONG);

      it('20 writers on different streams, one committing late: a $all subscriber sees every event once, in order', async () => {
        const start = await marker();
        const collector = new SubscriptionCollector(store.subscribeToAll({ after: start, filter: { streamPrefixes: [s('chain-')] } }));
        const expectedIds = new Set<string>();

        // The late writer goes first, so its positions come before those of writers that commit earlier.
        let late: HeldAppend | undefined;
        if (subject.appendHoldingTransaction) {
          const batch = events(3);
          batch.forEach((e) => expectedIds.add(e.eventId));
          late = subject.appendHoldingTransaction(s('chain-late'), batch, 'no_stream', 1500);
          await late.held;
        }
        const writers = Array.from({ length: 20 }, async (_, w) => {
          for (let round = 0; round < 3; round++) {
            const batch = events(1 + ((w + round) % 3));
            batch.forEach((e) => expectedIds.add(e.eventId));
            await store.appendToStream(s(`chain-${w}`), batch, round === 0 ? 'no_stream' : 'stream_exists');
          }
        });
        await Promise.all([...writers, late?.done]);

        const total = expectedIds.size;
        await collector.waitFor((r) => r.length >= total);
        // Anything still in flight would arrive now; give the subscription one more live round.
        await store.appendToStream(s('chain-end'), events(1), 'no_stream');
        await collector.waitFor((r) => r.some((e) => e.streamId === s('chain-end')));

        const received = collector.received.filter((e) => e.streamId !== s('chain-end'));
        const ids = received.map((e) => e.eventId);
        expect(new Set(ids).size).toBe(ids.length); // exactly once
        expect(new Set(ids)).toEqual(expectedIds); // nothing skipped, the late writer's events included
        for (let i = 1; i < collector.received.length; i++) {
          expect(collector.received[i].globalPosition > collector.received[i - 1].globalPosition).toBe(true);
        }
        if (late) {
          // The late commit's positions are below those of events committed while it was held.
          const lateEvents = received.filter((e) => e.streamId === s('chain-late'));
          expect(lateEvents).toHaveLength(3);
        }
        await store.close();
        await collector.finished;
      }, LONG);
    });
  });
}
