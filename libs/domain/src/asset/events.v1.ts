/**
 * Old shapes kept for upcasting on read: stored events are never rewritten (auditors replay them),
 * so every shape ever written stays readable. The meaning did not change, hence the same type name.
 */
import { normalizeBic } from '../shared/bic';
import { AssetRegistered, CustodyAccountLinked } from './events';

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

/**
 * v1 stored the custodian as typed (`CUSTCHZZXXX`, `custchzz`); v2 stores the BIC normal form, so a
 * link and the statements' custody streams (keyed by the normal form) name one custodian. A v1
 * custodian that is no BIC at all is kept as it was: it never matched a statement and still does not.
 */
export function upcastCustodyAccountLinkedV1(data: CustodyAccountLinked['data']): CustodyAccountLinked['data'] {
  return { ...data, custodian: normalizeBic(data.custodian) ?? data.custodian };
}
