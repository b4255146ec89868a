import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** `previousHash` of the first event of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** Everything an event's hash covers. */
export interface HashedFields {
  readonly streamId: string;
  readonly streamVersion: number;
  /** Left out by stores that assign the position only when writing (EventStoreDB, per-stream chains). */
  readonly globalPosition?: bigint;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly recordedAt: string;
}

/** The text that is hashed after the previous hash: canonical JSON of the hashed fields (an absent position is omitted). */
export function canonicalEventText(e: HashedFields): string {
  return canonicalJson({
    streamId: e.streamId,
    streamVersion: e.streamVersion,
    globalPosition: e.globalPosition === undefined ? undefined : e.globalPosition.toString(),
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: e.metadata,
    recordedAt: e.recordedAt,
  });
}

/** sha256(previousHash + "\n" + canonical event text), hex. */
export function chainHash(previousHash: string, e: HashedFields): string {
  return createHash('sha256').update(previousHash).update('\n').update(canonicalEventText(e)).digest('hex');
}
