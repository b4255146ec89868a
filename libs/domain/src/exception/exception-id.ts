import { canonicalJson } from '../shared/canonical';
import { BreakType } from './break-types';

/**
 * Hex SHA-256 of a text's UTF-8 bytes. A port: the domain does no cryptography of its own; the
 * edge passes the platform's digest in (see `@recon/command-execution` `exceptionIds`).
 */
export type Sha256Hex = (text: string) => string;

/** Names the exception of a break: the same asset, break type and subject always give the same id. */
export interface ExceptionIds {
  idFor(assetId: string, breakType: BreakType, subject: string): string;
}

/**
 * The exception id of a break, so the reconciler's RaiseException for a break it saw before lands
 * on the same stream (no event while it persists unchanged, an update when its figures move, a
 * reopen after it was cleared).
 *
 * `<break type>-<first 32 hex digits of SHA-256>`: readable in a queue, at most 60 characters of
 * [a-z0-9-] (the API's identifier rule and the stream name rule both accept it), and 128 bits of
 * digest, so two different breaks do not meet in practice. The digest is taken over canonical JSON of
 * the three parts, so no choice of separator lets two different triples hash the same text.
 *
 * The reconciler asks for the ids of the same breaks on every pass: ids already computed are
 * remembered, the memory bounded by starting afresh when full.
 */
export function exceptionIdsFrom(sha256Hex: Sha256Hex): ExceptionIds {
  const recentIds = new Map<string, string>();
  return {
    idFor(assetId, breakType, subject) {
      const text = canonicalJson([assetId, breakType, subject]);
      let id = recentIds.get(text);
      if (id === undefined) {
        if (recentIds.size >= RECENT_IDS) recentIds.clear();
        id = `${breakType}-${sha256Hex(text).slice(0, 32)}`;
        recentIds.set(text, id);
      }
      return id;
    },
  };
}

const RECENT_IDS = 10_000;
