import { ReadAllOptions, RecordedEvent } from '../port';
import { chainHash, GENESIS_HASH } from './hash';

/** The chain head row: the last position and hash the store wrote, kept in the append's transaction. */
export interface ChainHead {
  readonly position: bigint;
  readonly hash: string;
  /** Identity of the last event, so that deleting it can be named. */
  readonly eventId?: string;
  readonly streamId?: string;
  readonly streamVersion?: number;
}

/**
 * What the verifier needs from a store with one global chain and dense positions starting at 1
 * (the PostgreSQL adapter). `readAll` must return stored values as they are, untouched.
 */
export interface ChainSource {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  chainHead(): Promise<ChainHead>;
  /** Any stored event whose `hash` is this one; lets the verifier tell a moved event from an altered one. */
  findByHash?(hash: string): Promise<RecordedEvent | undefined>;
}

export type ChainBreakReason =
  /** The event's content or hash does not match what was hashed when it was appended. */
  | 'altered'
  /** An event is missing: a position gap, or the head names an event past the last one stored. */
  | 'deleted'
  /** The event is intact but sits at another position than the one it was hashed at. */
  | 'reordered'
  /** The event's `previousHash` links to nothing before it and it does not verify either. */
  | 'unlinked'
  /** The chain head row disagrees with the last event. */
  | 'head-mismatch';

export interface ChainBreak {
  readonly reason: ChainBreakReason;
  /** Position at which the chain breaks (for `deleted`: the missing position). */
  readonly globalPosition: bigint;
  /** The event concerned; for `deleted`, the missing event when it could be identified. */
  readonly streamId?: string;
  readonly streamVersion?: number;
  readonly eventId?: string;
  /** For `reordered`: the position the event was appended at. */
  readonly originalPosition?: bigint;
  /** For `deleted`: the first event still stored after the gap. */
  readonly nextEvent?: { readonly streamId: string; readonly streamVersion: number; readonly eventId: string; readonly globalPosition: bigint };
  readonly detail: string;
}

export type VerifyChainResult =
  | { readonly ok: true; readonly checked: number; readonly head: ChainHead }
  | { readonly ok: false; readonly checked: number; readonly firstBroken: ChainBreak };

const PAGE = 1000;
/** How far past a position gap the verifier looks for the stream that lost a revision. */
const LOOKAHEAD = 10_000;

/**
 * Walks `$all` from `from` (default 1) to `to` (default: the chain head), recomputes every hash and
 * returns the first event that does not match. When `from` > 1 the first event's stored
 * `previousHash` is the trusted anchor; only a walk from 1 checks the whole chain, and only a walk
 * to the head compares the head row (which is what catches a deleted last event).
 */
export async function verifyChain(source: ChainSource, from?: bigint, to?: bigint): Promise<VerifyChainResult> {
  const head = await source.chainHead();
  const start = from ?? 1n;
  const end = to === undefined || to > head.position ? head.position : to;
  const streamVersions = new Map<string, number>();
  let expected = start;
  let running: string | undefined = start === 1n ? GENESIS_HASH : undefined;
  let previous: RecordedEvent | undefined;
  let checked = 0;
  const broken = (firstBroken: ChainBreak): VerifyChainResult => ({ ok: false, checked, firstBroken });

  while (expected <= end) {
    const page = await source.readAll({ after: expected - 1n, maxCount: PAGE });
    const inRange = page.filter((e) => e.globalPosition <= end);
    if (inRange.length === 0) break;
    for (let i = 0; i < inRange.length; i++) {
      const row = inRange[i];
      if (row.globalPosition !== expected) {
        return broken(await describeGap(source, expected, inRange.slice(i), streamVersions, start === 1n));
      }
      running ??= row.previousHash;
      const recomputed = chainHash(row.previousHash, row);
      const linked = row.previousHash === running;
      if (!linked || recomputed !== row.hash) {
        if (linked) return broken({ ...identity(row), reason: 'altered', detail: 'stored hash does not match the recomputed one' });
        if (previous && recomputed === row.hash) {
          return broken({
            ...identity(previous),
            reason: 'altered',
            detail: 'event verifies on its own but the next event does not link to its hash: it was rewritten together with its hash',
          });
        }
        const original = await originalPosition(source, row, 0);
        if (original !== undefined && original !== row.globalPosition && chainHash(row.previousHash, { ...row, globalPosition: original }) === row.hash) {
          return broken({
            ...identity(row),
            reason: 'reordered',
            originalPosition: original,
            detail: `event was appended at position ${original} but is stored at ${row.globalPosition}`,
          });
        }
        return broken({ ...identity(row), reason: 'unlinked', detail: 'previousHash does not link to the preceding event and the hash does not verify' });
      }
      running = row.hash;
      previous = row;
      streamVersions.set(row.streamId, row.streamVersion);
      checked++;
      expected++;
    }
    if (page.length < PAGE) break;
  }

  if (expected <= end) {
    // Rows are missing at the end of the range.
    const namesHead = end === head.position && head.position === expected;
    return broken({
      reason: 'deleted',
      globalPosition: expected,
      ...(namesHead ? { streamId: head.streamId, streamVersion: head.streamVersion, eventId: head.eventId } : {}),
      detail: `no event stored at position ${expected}; the chain ${end === head.position ? 'head' : 'range'} ends at ${end}`,
    });
  }
  if (end === head.position && running !== undefined && running !== head.hash && checked > 0) {
    return broken({ ...identity(previous!), reason: 'head-mismatch', detail: 'the chain head hash differs from the last event hash' });
  }
  return { ok: true, checked, head };
}

function identity(e: RecordedEvent): Pick<ChainBreak, 'streamId' | 'streamVersion' | 'eventId' | 'globalPosition'> {
  return { streamId: e.streamId, streamVersion: e.streamVersion, eventId: e.eventId, globalPosition: e.globalPosition };
}

/** The position an event was hashed at, found through the event its previousHash names. */
async function originalPosition(source: ChainSource, row: RecordedEvent, depth: number): Promise<bigint | undefined> {
  if (row.previousHash === GENESIS_HASH) return 1n;
  if (!source.findByHash || depth > 3) return undefined;
  const predecessor = await source.findByHash(row.previousHash);
  if (!predecessor) return undefined;
  if (chainHash(predecessor.previousHash, predecessor) === predecessor.hash) return predecessor.globalPosition + 1n;
  const moved = await originalPosition(source, predecessor, depth + 1);
  return moved === undefined ? undefined : moved + 1n;
}

/**
 * A position gap. The missing event's stream and revision are found by looking ahead for the first
 * event whose stream skips a revision (the revisions of a stream are dense as well).
 */
async function describeGap(
  source: ChainSource,
  missing: bigint,
  rest: RecordedEvent[],
  seen: Map<string, number>,
  fromStart: boolean,
): Promise<ChainBreak> {
  const next = rest[0];
  const base: ChainBreak = {
    reason: 'deleted',
    globalPosition: missing,
    nextEvent: { streamId: next.streamId, streamVersion: next.streamVersion, eventId: next.eventId, globalPosition: next.globalPosition },
    detail: `no event stored at position ${missing}; the next stored event is at ${next.globalPosition}`,
  };
  const versions = new Map(seen);
  let buffer = rest;
  let looked = 0;
  while (buffer.length > 0 && looked < LOOKAHEAD) {
    for (const e of buffer) {
      looked++;
      const last = versions.get(e.streamId);
      const expectedVersion = last === undefined ? (fromStart ? 0 : e.streamVersion) : last + 1;
      if (e.streamVersion > expectedVersion) return { ...base, streamId: e.streamId, streamVersion: expectedVersion };
      versions.set(e.streamId, e.streamVersion);
    }
    buffer = await source.readAll({ after: buffer[buffer.length - 1].globalPosition, maxCount: PAGE });
  }
  return base;
}
