import { DomainError } from '../shared/decider';
import { MULTIPLIER_SCALE, parseFixed, SHARE_SCALE } from '../shared/fixed-point';
import { instantMs } from './time';

/**
 * Token amounts and share quantities. Shares are bigint units of 10^-SHARE_SCALE (18 decimals);
 * token amounts are uint256 base units with their chain's decimals; the multiplier (shares per token)
 * is at MULTIPLIER_SCALE (18).
 *
 * Rounding: converting tokens to shares is exact as a fraction, and is rounded ONCE, UP, to 18
 * decimals. Rounding up means a requirement is never understated: a shortfall can only look larger
 * than it is (by less than 10^-18 share), never hide in rounding. Sums over chains are taken as one
 * fraction before that single rounding, so the order of chains does not change the result.
 */

export interface TokenAmount {
  /** Base units (uint256). */
  readonly amount: bigint;
  readonly decimals: number;
}

/** Shares per token from `effectiveAt` on (the first point is the asset's initial multiplier). */
export interface MultiplierPoint {
  readonly multiplier: string;
  readonly effectiveAt: string;
  readonly eventIds: readonly string[];
}

export const abs = (value: bigint): bigint => (value < 0n ? -value : value);

/** Division rounding toward +∞, for a positive divisor. */
export function ceilDiv(numerator: bigint, divisor: bigint): bigint {
  const quotient = numerator / divisor;
  return numerator % divisor > 0n ? quotient + 1n : quotient;
}

/** Σ amounts / 10^decimals × multiplier, in share units, rounded once, up. */
export function tokensToShares(amounts: readonly TokenAmount[], multiplier: bigint): bigint {
  const maxDecimals = amounts.reduce((max, { decimals }) => Math.max(max, decimals), 0);
  // Units of 10^-(maxDecimals + MULTIPLIER_SCALE) shares: every chain brought to the finest decimals.
  const numerator = amounts.reduce((sum, { amount, decimals }) => sum + amount * multiplier * 10n ** BigInt(maxDecimals - decimals), 0n);
  const excess = maxDecimals + MULTIPLIER_SCALE - SHARE_SCALE;
  return excess >= 0 ? ceilDiv(numerator, 10n ** BigInt(excess)) : numerator * 10n ** BigInt(-excess);
}

export interface MultiplierInEffect extends MultiplierPoint {
  readonly units: bigint;
}

/**
 * The multiplier in effect at an instant: the latest point effective at or before it (of two points
 * at the same instant, the later in the list). Before the first point, the first one: it is the
 * multiplier the asset was registered with.
 */
export function multiplierAt(points: readonly MultiplierPoint[], at: string): MultiplierInEffect {
  if (points.length === 0) throw new DomainError('NO_MULTIPLIER', 'the multiplier timeline is empty');
  const atMs = instantMs(at, 'at');
  const timed = points.map((point, index) => ({ point, index, ms: instantMs(point.effectiveAt, 'multipliers.effectiveAt') }));
  timed.sort((a, b) => a.ms - b.ms || a.index - b.index);
  const inEffect = timed.filter(({ ms }) => ms <= atMs).at(-1) ?? timed[0]!;
  return { ...inEffect.point, units: parseFixed(inEffect.point.multiplier, MULTIPLIER_SCALE, 'multiplier') };
}
