import { randomUUID } from 'node:crypto';
import type { EventStore, RecordedEvent } from '@recon/event-store';
import type { DataSource } from 'typeorm';
import { rebuildReadModels } from '../runner/rebuild';
import { dropReadModelSchema } from '../schema/data-source';

/**
 * When a fact happened in the business: the block time, statement date or trade date recorded with
 * it, or a multiplier change's effective time. Reference data (an asset, its deployments and custody
 * accounts) has none: it describes the instrument, not a position, and counts at any date.
 */
export function businessTimeOf(event: RecordedEvent): string | undefined {
  if (event.metadata.businessTime) return event.metadata.businessTime;
  if (event.type === 'MultiplierChanged') return (event.data as { effectiveAt?: string }).effectiveAt;
  return undefined;
}

export interface AsOfReplay {
  /** A database to replay into: PGlite's pool when embedded, or the read models' server. */
  readonly open: (schema: string) => Promise<DataSource>;
  readonly store: Pick<EventStore, 'readAll'>;
}

/**
 * The two times of a bitemporal question: "what did we know at `knownAt` about `businessTime`".
 * Both are ISO-8601 UTC instants.
 */
export interface BitemporalCut {
  /** Business time, exclusive: facts dated before it count (a statement date, a block time). */
  readonly businessTime: string;
  /** System time, inclusive: only events the store had recorded by then. Default: every event read. */
  readonly knownAt?: string;
  /** Read `$all` no further than this position, so a rebuild sees the store as the first build did. */
  readonly upTo?: bigint;
}

/** The slice of `$all` a replay was built from. */
export interface ReplayRange {
  /** First and last global position of the events that counted; null when none did. */
  readonly first: string | null;
  readonly last: string | null;
  readonly events: number;
  /** The last position read: events after it were not looked at. */
  readonly readThrough: string;
  /** The system time the replay stands at: the cut's, or the recorded time of the last event read. */
  readonly knownAt: string | null;
}

export interface ReplayProgress {
  readonly position: bigint;
  readonly applied: number;
}

export interface ReplayObservers {
  /** After each page read: how far the replay got (for a progress bar). */
  readonly onProgress?: (progress: ReplayProgress) => void;
  /** Every event that counts for the cut, in `$all` order (what a report needs beside the tables). */
  readonly onEvent?: (event: RecordedEvent) => void;
}

export interface ReplayedState {
  readonly dataSource: DataSource;
  readonly schema: string;
  readonly range: ReplayRange;
}

/** Whether an event counts for a cut: dated before the business time (or undated reference data), and recorded by `knownAt`. */
export function countsFor(cut: BitemporalCut): (event: RecordedEvent) => boolean {
  // Compared as instants, not text: a statement's business time is a bare date ("2026-03-01" sorts
  // before "2026-03-01T00:00:00.000Z" as text, yet is that very instant), and writers differ in precision.
  const business = Date.parse(cut.businessTime);
  const known = cut.knownAt === undefined ? undefined : Date.parse(cut.knownAt);
  return (event) => {
    const dated = businessTimeOf(event);
    if (dated !== undefined && !(Date.parse(dated) < business)) return false;
    return known === undefined || Date.parse(event.recordedAt) <= known;
  };
}

/**
 * Replays the store through the live projection code into a schema of its own, as of a business time
 * and as known at a system time, hands the replayed read models to `use`, then drops the schema. The
 * live read models are never touched: the answer is what the events say.
 */
export async function withBitemporalReplay<T>(
  replay: AsOfReplay,
  cut: BitemporalCut,
  use: (state: ReplayedState) => Promise<T>,
  observe: ReplayObservers = {},
): Promise<T> {
  const { onProgress, onEvent } = observe;
  const schema = `replay_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const dataSource = await replay.open(schema);
  try {
    const counts = countsFor(cut);
    let first: bigint | undefined;
    let last: bigint | undefined;
    let lastRead: RecordedEvent | undefined;
    const include = (event: RecordedEvent): boolean => {
      lastRead = event;
      if (!counts(event)) return false;
      first ??= event.globalPosition;
      onEvent?.(event);
      last = event.globalPosition;
      return true;
    };
    const result = await rebuildReadModels({
      dataSource,
      schema,
      store: replay.store,
      include,
      ...(cut.upTo === undefined ? {} : { upTo: cut.upTo }),
      ...(onProgress ? { onPage: (position: bigint, applied: number) => onProgress({ position, applied }) } : {}),
    });
    const range: ReplayRange = {
      first: first?.toString() ?? null,
      last: last?.toString() ?? null,
      events: result.events,
      readThrough: result.position.toString(),
      knownAt: cut.knownAt ?? lastRead?.recordedAt ?? null,
    };
    return await use({ dataSource, schema, range });
  } finally {
    await dropReadModelSchema(dataSource, schema).catch(() => undefined);
    await dataSource.destroy();
  }
}
