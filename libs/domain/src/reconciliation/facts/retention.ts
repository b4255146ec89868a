import { businessDateOf, DAY_MS, instantMs, isoOf } from '../../matching/time';

/**
 * What keeps every facts document bounded for an asset that lives for years. Retention is counted
 * back from the latest recordedAt a document has seen (a snapshot: the latest of the documents it
 * reads), never from a clock, so the same events always leave the same facts.
 */

/** Event ids remembered per document: a redelivered event among them changes nothing. */
export const RECENT_EVENT_IDS = 256;
/** Mint and burn event ids kept per chain as evidence of its supply: the latest by block. */
export const MINT_BURN_EVIDENCE = 20;
/** Superseded statements still missing pages, per account: the oldest beyond this are dropped. */
export const INCOMPLETE_STATEMENTS = 5;
/** Event ids kept as evidence of one holding carried from statement to statement. */
export const HOLDING_EVIDENCE = 4;
/**
 * Custody movements are kept this long after they moved: long past any matching window, so that a
 * movement that was going to be explained has been, and an unexplained one has been raised.
 */
export const MOVEMENT_RETENTION_DAYS = 30;
/**
 * Settled trades (with their confirmations) and fulfilled requests (with their mints or burns) are
 * kept this long after their last activity: longer than movements by more than any settlement or
 * mint/burn window, so no kept movement loses the confirmation or trade that explains it.
 */
export const SETTLED_RETENTION_DAYS = 40;

/**
 * Transfers the watcher observed that no request names are folded into their chain's compacted
 * supply this long after their block. Shorter than SETTLED_RETENTION_DAYS by more than any
 * settlement or mint/burn window, so a trade that explains such a mint outlives it; far longer than
 * any confirmation depth, so a reorg reaches a compacted transfer only in a watcher configured with
 * very large scans, and its reversal then subtracts from the compacted supply.
 */
export const OBSERVED_TRANSFER_RETENTION_DAYS = 30;
/** Reverted logs remembered per chain, the latest by block: a late MintedOnChain of one does not bring it back. */
export const REVERTED_TRANSFERS = 64;

/** The business date before which facts `days` old are dropped, seen from `latestRecordedAt`. */
export const cutoffDate = (latestRecordedAt: string, days: number): string =>
  businessDateOf(isoOf(instantMs(latestRecordedAt, 'recordedAt') - days * DAY_MS), 'cutoff');

export const laterInstant = (a: string, b: string): string => (instantMs(b, 'recordedAt') > instantMs(a, 'recordedAt') ? b : a);

/** Ids with `id` appended once, keeping the newest `limit`. */
export function rememberId(ids: readonly string[], id: string, limit: number): string[] {
  return ids.includes(id) ? [...ids] : [...ids, id].slice(-limit);
}

export interface Cutoffs {
  readonly movements: string;
  readonly settled: string;
  readonly observed: string;
}

/** The cutoffs seen from `latestRecordedAt`; the last answer is remembered, as every event of a batch asks with nearly the same instant. */
export function cutoffsAt(latestRecordedAt: string): Cutoffs {
  if (lastCutoffs?.at !== latestRecordedAt) {
    lastCutoffs = {
      at: latestRecordedAt,
      cutoffs: {
        movements: cutoffDate(latestRecordedAt, MOVEMENT_RETENTION_DAYS),
        settled: cutoffDate(latestRecordedAt, SETTLED_RETENTION_DAYS),
        observed: cutoffDate(latestRecordedAt, OBSERVED_TRANSFER_RETENTION_DAYS),
      },
    };
  }
  return lastCutoffs.cutoffs;
}
let lastCutoffs: { readonly at: string; readonly cutoffs: Cutoffs } | undefined;
