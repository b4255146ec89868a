import { canonicalJson } from '../shared/canonical';
import { BreakType } from './break-types';
import { sha256Hex } from './sha256';

/**
 * The exception id of a break: the same asset, break type and subject always give the same id, so
 * the reconciler's RaiseException for a break it saw before lands on the same stream (no event while
 * it persists unchanged, an update when its figures move, a reopen after it was cleared).
 *
 * `<break type>-<first 32 hex digits of SHA-256>`: readable in a queue, at most 60 characters of
 * [a-z0-9-] (the API's identifier rule and the stream name rule both accept it), and 128 bits of
 * digest, so two different breaks do not meet in practice. The digest is taken over canonical JSON of
 * the three parts, so no choice of separator lets two different triples hash the same text.
 */
export function exceptionIdFor(assetId: string, breakType: BreakType, subject: string): string {
  const key = JSON.stringify([assetId, breakType, subject]); // the memory's key; the digest is taken over the canonical text
  let id = recentIds.get(key);
  if (id === undefined) {
    if (recentIds.size >= RECENT_IDS) recentIds.clear();
    id = `${breakType}-${sha256Hex(canonicalJson([assetId, breakType, subject])).slice(0, 32)}`;
    recentIds.set(key, id);
  }
  return id;
}

/**
 * The reconciler asks for the ids of the same breaks on every pass, and SHA-256 in plain TypeScript
 * is a noticeable share of a pass: ids already computed are remembered (the function stays pure; the
 * memory is bounded by starting afresh when full).
 */
const RECENT_IDS = 10_000;
const recentIds = new Map<string, string>();
