import type { AssetReserves } from '../build/report-document';

/** Decimal string → bigint at 6 decimals, enough for a chart's resolution; quantities stay strings elsewhere. */
export function chartUnits(decimal: string): bigint {
  const negative = decimal.startsWith('-');
  const [whole = '0', fraction = ''] = decimal.replace(/^-/, '').split('.');
  const units = BigInt(whole || '0') * 1_000_000n + BigInt((fraction + '000000').slice(0, 6));
  return negative ? -units : units;
}

/** Height in points of `value` on a scale where `max` is `height` points (integer arithmetic, then one conversion for drawing). */
export function barHeight(value: bigint, max: bigint, height: number): number {
  if (max <= 0n || value <= 0n) return 0;
  return Number((value * BigInt(height * 100)) / max) / 100;
}

export interface ChartBar {
  readonly label: string;
  readonly required: number;
  readonly held: number;
  /** Held below required beyond nothing: drawn in the alarm colour. */
  readonly short: boolean;
}

/** The geometry of the collateralization chart: required and held shares per asset, on one scale. */
export function chartBars(assets: readonly AssetReserves[], height: number): ChartBar[] {
  const required = assets.map((a) => chartUnits(a.requiredShares));
  const held = assets.map((a) => chartUnits(a.heldShares));
  const max = [...required, ...held].reduce((m, v) => (v > m ? v : m), 0n);
  return assets.map((a, i) => ({
    label: a.symbol,
    required: barHeight(required[i]!, max, height),
    held: barHeight(held[i]!, max, height),
    short: held[i]! < required[i]!,
  }));
}
