import type { NewEvent, PostgresEventStore } from '@recon/event-store';
import { generateEvents } from '../../apps/projector/test/support/generator';

const STREAMS = 64;
const EVENTS_PER_APPEND = 200;

/**
 * Appends about `count` events of the projector tests' realistic mix (assets, mints and burns,
 * trades with amendments and settlements, multi-page statements, exceptions) to the store quickly:
 * the generator's many small streams are folded into 64 streams, each holding whole original
 * streams in their order, and appended 200 events at a time. Per-stream order, the order the
 * projection relies on, is kept; only the interleaving of unrelated streams differs. (One append per
 * generated stream takes minutes for 100,000 events.)
 */
export async function appendWorkload(store: PostgresEventStore, count: number, prefix: string): Promise<number> {
  const { appends, expected } = generateEvents(7, count, prefix);
  const buckets = new Map<number, NewEvent[]>();
  const flush = async (bucket: number): Promise<void> => {
    const events = buckets.get(bucket);
    if (!events?.length) return;
    buckets.delete(bucket);
    await store.appendToStream(`bench-${prefix}-${bucket}`, events, 'any');
  };
  for (const append of appends) {
    const bucket = bucketOf(append.streamId);
    const events = buckets.get(bucket) ?? [];
    events.push(...append.events);
    buckets.set(bucket, events);
    if (events.length >= EVENTS_PER_APPEND) await flush(bucket);
  }
  for (const bucket of [...buckets.keys()]) await flush(bucket);
  return expected.eventCount;
}

function bucketOf(streamId: string): number {
  let hash = 0;
  for (let i = 0; i < streamId.length; i++) hash = (Math.imul(hash, 31) + streamId.charCodeAt(i)) >>> 0;
  return hash % STREAMS;
}
