/**
 * Old shapes kept for upcasting on read: stored events are never rewritten (auditors replay them),
 * so every shape ever written stays readable. The meaning did not change, hence the same type name.
 */
import { AssetRegistered } from './events';

/** v1 called the symbol `ticker` and had no multiplier: every asset was one share per token. */
export interface AssetRegisteredV1Data {
  readonly assetId: string;
  readonly isin: string;
  readonly ticker: string;
  readonly name: string;
  readonly registeredAt: string;
}

export function upcastAssetRegisteredV1(data: AssetRegisteredV1Data): AssetRegistered['data'] {
  const { ticker, ...rest } = data;
  return { ...rest, symbol: ticker, initialMultiplier: '1' };
}
