import { formatFixed, formatShares, MULTIPLIER_SCALE, parseFixed, parseShares, SHARE_SCALE } from '@recon/domain';

export interface ChainSupply {
  /** Base units (uint256 integer string). */
  readonly supply: string;
  /** Null while the deployment is unknown: such a chain cannot be converted and is left out. */
  readonly decimals: number | null;
}

export interface CollateralInputs {
  /** Shares per token, decimal string. */
  readonly multiplier: string;
  readonly chains: readonly ChainSupply[];
  /** Σ settled positions on the accounts' latest statements, decimal string. */
  readonly custodyHeld: string;
  readonly pendingBuy: string;
  readonly pendingSell: string;
}

export interface CollateralFigures {
  readonly requiredShares: string;
  readonly heldShares: string;
  readonly pendingBuy: string;
  readonly pendingSell: string;
  readonly difference: string;
  readonly ratio: string | null;
}

const ceilDiv = (numerator: bigint, denominator: bigint): bigint => {
  const quotient = numerator / denominator;
  return numerator % denominator > 0n ? quotient + 1n : quotient;
};

/**
 * required = Σ chains supply / 10^decimals × multiplier, held = custody + pending buys − pending sells.
 *
 * Exact bigint arithmetic. Rounding: the chains are summed as one exact fraction over
 * 10^(max decimals) and rounded ONCE, UP (ceiling), to SHARE_SCALE (18) decimals, so required is never
 * understated (a shortfall can only look bigger, never hide in rounding). difference = held − required
 * is exact at 18 decimals. ratio = held / required truncated toward zero at 18 decimals; null when
 * nothing is required.
 */
export function computeCollateralization(inputs: CollateralInputs): CollateralFigures {
  const multiplier = parseFixed(inputs.multiplier, MULTIPLIER_SCALE, 'multiplier');
  const known = inputs.chains.filter((chain): chain is ChainSupply & { decimals: number } => chain.decimals !== null);
  const maxDecimals = known.reduce((max, chain) => Math.max(max, chain.decimals), 0);
  // Units of 10^-(MULTIPLIER_SCALE + maxDecimals) shares.
  let numerator = 0n;
  for (const chain of known) {
    numerator += BigInt(chain.supply) * multiplier * 10n ** BigInt(maxDecimals - chain.decimals);
  }
  const extraScale = MULTIPLIER_SCALE + maxDecimals - SHARE_SCALE;
  const required = extraScale >= 0 ? ceilDiv(numerator, 10n ** BigInt(extraScale)) : numerator * 10n ** BigInt(-extraScale);
  const pendingBuy = parseShares(inputs.pendingBuy);
  const pendingSell = parseShares(inputs.pendingSell);
  const held = parseShares(inputs.custodyHeld) + pendingBuy - pendingSell;
  const ratio = required === 0n ? null : formatFixed((held * 10n ** BigInt(SHARE_SCALE)) / required, SHARE_SCALE);
  return {
    requiredShares: formatShares(required),
    heldShares: formatShares(held),
    pendingBuy: formatShares(pendingBuy),
    pendingSell: formatShares(pendingSell),
    difference: formatShares(held - required),
    ratio,
  };
}
