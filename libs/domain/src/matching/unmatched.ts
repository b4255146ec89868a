import { parseShares } from '../shared/fixed-point';
import { Duration, durationMs, instantMs, isoOf } from './time';

/**
 * Something matching could not pair. Until its window ends it may still be matched (a late booking,
 * a late confirmation); after that it is a break, and `reason` says what was looked for.
 */
export interface Unmatched<T> {
  readonly item: T;
  readonly reason: string;
  /** When the window ends (ISO-8601 UTC). */
  readonly windowEndsAt: string;
  /** The window has passed at the policy's `now`: report it. */
  readonly expired: boolean;
}

export const unmatched = <T>(item: T, reason: string, windowEndsMs: number, nowMs: number): Unmatched<T> => ({
  item,
  reason,
  windowEndsAt: isoOf(windowEndsMs),
  expired: nowMs > windowEndsMs,
});

/** Shared by every matcher: how close quantities must be, how long a counterpart may take, and the time of the run. */
export interface MatchPolicy {
  /** Shares, decimal string: quantities closer than this match. */
  readonly tolerance: string;
  readonly window: Duration;
  /** ISO-8601 instant of the run. */
  readonly now: string;
}

/** A MatchPolicy read once: tolerance in share units, window and now in milliseconds. */
export interface MatchRules {
  readonly tolerance: bigint;
  readonly windowMs: number;
  readonly nowMs: number;
}

export const rulesOf = (policy: MatchPolicy): MatchRules => ({
  tolerance: parseShares(policy.tolerance, 'tolerance'),
  windowMs: durationMs(policy.window, 'window'),
  nowMs: instantMs(policy.now, 'now'),
});
