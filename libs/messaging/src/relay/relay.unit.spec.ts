import type { AllSubscription, EventStore, RecordedEvent, SubscribeToAllOptions } from '@recon/event-store';
import { CheckpointConflictError, InMemoryRelayCheckpointStore } from './checkpoint-store';
import { IntegrationKafkaMessage } from './kafka-message';
import { RelayPublisher } from './kafka-relay-publisher';
import { Relay } from './relay';

/** `$all` in memory, counting how many events the relay pulled out of the subscription. */
class FakeStore {
  readonly events: RecordedEvent[] = [];
  pulled = 0;
  private wake: (() => void)[] = [];

  append(count: number): void {
    for (let i = 0; i < count; i++) {
      const position = BigInt(this.events.length + 1);
      this.events.push({
        eventId: `e${position}`,
        type: 'T',
        schemaVersion: 1,
        data: { assetId: `A${Number(position) % 3}` },
        metadata: {},
        streamId: `asset-A${Number(position) % 3}`,
        streamVersion: 0,
        globalPosition: position,
        recordedAt: '2024-01-01T00:00:00.000Z',
        hash: 'h',
        previousHash: 'p',
      });
    }
    for (const wake of this.wake.splice(0)) wake();
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    let closed = false;
    const events = this.events;
    const wake = this.wake;
    const pulled = (): void => void (this.pulled += 1);
    async function* iterate(): AsyncGenerator<RecordedEvent> {
      let next = Number(options.after ?? 0n);
      while (!closed) {
        if (next < events.length) {
          pulled();
          yield events[next++]!;
        } else {
          await new Promise<void>((resolve) => wake.push(resolve));
        }
      }
    }
    const iterator = iterate();
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        closed = true;
        for (const w of wake.splice(0)) w();
      },
    };
  }

  asEventStore(): EventStore {
    return this as unknown as EventStore;
  }
}

/** Records every publish; can fail or hold a send. */
class FakePublisher implements RelayPublisher {
  readonly attempts: IntegrationKafkaMessage[][] = [];
  readonly acked: IntegrationKafkaMessage[][] = [];
  failures = 0;
  resets = 0;
  closed = false;
  private gate?: Promise<void>;
  private openGate?: () => void;

  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = undefined;
  }

  async ensureTopic(): Promise<void> {}

  async publish(messages: readonly IntegrationKafkaMessage[]): Promise<void> {
    this.attempts.push([...messages]);
    if (this.gate) await this.gate;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('broker unavailable');
    }
    this.acked.push([...messages]);
  }

  async reset(): Promise<void> {
    this.resets += 1;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

const positions = (batches: IntegrationKafkaMessage[][]): number[] => batches.flat().map((m) => Number(m.headers['global-position']));
const tick = (ms = 20): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await tick(5);
  expect(condition()).toBe(true);
}

function setup(options: { maxBatchSize?: number; stopGraceMs?: number } = {}) {
  const store = new FakeStore();
  const publisher = new FakePublisher();
  const checkpoints = new InMemoryRelayCheckpointStore();
  const relay = new Relay({ name: 'r', store: store.asEventStore(), publisher, checkpoints, lingerMs: 1, initialBackoffMs: 2, maxBackoffMs: 10, ...options });
  return { store, publisher, checkpoints, relay };
}

describe('Relay (batching, backpressure, retries, stop)', () => {
  it('reads at most one batch (plus one event) ahead of the batch in flight, and sends nothing more until it is acknowledged', async () => {
    const { store, publisher, relay, checkpoints } = setup({ maxBatchSize: 10 });
    store.append(1000);
    publisher.hold();
    await relay.start();
    await until(() => publisher.attempts.length === 1);
    await tick(50);
    expect(store.pulled).toBeLessThanOrEqual(21);
    expect(publisher.attempts).toHaveLength(1);
    expect(await checkpoints.load('r')).toBe(0n);

    publisher.release();
    await until(() => relay.checkpoint === 1000n);
    expect(positions(publisher.acked)).toEqual(store.events.map((e) => Number(e.globalPosition)));
    expect(Math.max(...publisher.acked.map((b) => b.length))).toBe(10);
    expect(await checkpoints.load('r')).toBe(1000n);
    await relay.stop();
  });

  it('retries a failed batch unchanged, without moving the checkpoint or sending anything after it', async () => {
    const { store, publisher, relay, checkpoints } = setup({ maxBatchSize: 5 });
    store.append(5);
    await relay.start();
    await until(() => relay.checkpoint === 5n);

    publisher.failures = 4;
    publisher.hold();
    store.append(12);
    await until(() => publisher.attempts.length === 2);
    const failing = publisher.attempts[1]!;
    publisher.release();
    await until(() => relay.checkpoint === 17n);

    const retried = publisher.attempts.slice(1, 6);
    expect(retried).toHaveLength(5);
    for (const attempt of retried) expect(attempt).toEqual(failing);
    expect(publisher.resets).toBe(4);
    expect(relay.stats.failedSends).toBe(4);
    expect(positions(publisher.acked)).toEqual(store.events.map((e) => Number(e.globalPosition)));
    expect(await checkpoints.load('r')).toBe(17n);
    await relay.stop();
  });

  it('on stop abandons a send that is not acknowledged within the grace period, leaving the checkpoint behind it', async () => {
    const { store, publisher, relay, checkpoints } = setup({ maxBatchSize: 5, stopGraceMs: 30 });
    store.append(5);
    await relay.start();
    await until(() => relay.checkpoint === 5n);
    publisher.hold();
    store.append(3);
    await until(() => publisher.attempts.length === 2);
    await relay.stop();
    expect(await checkpoints.load('r')).toBe(5n);
    expect(publisher.closed).toBe(true);
    publisher.release(); // a late acknowledgement changes nothing
    await tick();
    expect(await checkpoints.load('r')).toBe(5n);
  });

  it('on stop waits for an in-flight send acknowledged within the grace period and checkpoints it', async () => {
    const { store, publisher, relay, checkpoints } = setup({ maxBatchSize: 5, stopGraceMs: 5_000 });
    store.append(3);
    publisher.hold();
    await relay.start();
    await until(() => publisher.attempts.length === 1);
    const stopping = relay.stop();
    await tick();
    publisher.release();
    await stopping;
    expect(await checkpoints.load('r')).toBe(3n);
  });

  it('fails at once on a checkpoint conflict, even with no further events to send', async () => {
    const { store, relay, checkpoints } = setup({ maxBatchSize: 10 });
    store.append(10);
    await relay.start();
    await until(() => relay.checkpoint === 10n);
    await checkpoints.save('r', 10n, 500n); // another relay of the same name moved it
    store.append(5);
    await expect(relay.done).rejects.toBeInstanceOf(CheckpointConflictError);
    expect(await checkpoints.load('r')).toBe(500n);
    await relay.stop();
  });

  it('stop while idle ends the subscription and resolves done', async () => {
    const { relay, publisher } = setup();
    await relay.start();
    await relay.stop();
    await expect(relay.done).resolves.toBeUndefined();
    expect(publisher.closed).toBe(true);
    expect(relay.running).toBe(false);
  });
});
