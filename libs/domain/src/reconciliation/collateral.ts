import { BreakFigures } from '../exception/events';
import { IssuanceMatching, RequestMatch } from '../matching/issuance-matching';
import { tokensToShares } from '../matching/quantities';
import { DomainError } from '../shared/decider';
import { formatFixed, formatShares, MULTIPLIER_SCALE } from '../shared/fixed-point';
import { CollateralFigures } from './figures';
import { Finding, findingOf, Run } from './finding';
import { AssetSnapshot } from './snapshot';

/**
 * Shares bought ahead of a mint not yet on chain (a mint request whose purchase is matched), and
 * shares still to sell for tokens already burned (a redemption whose sale is not matched yet). Both
 * are surpluses the issuance flow explains, so they do not make the asset over-collateralized.
 * Nothing explains a shortfall: under-collateralization ignores them.
 */
function explainedSurplus(requests: readonly RequestMatch[], decimalsOf: (chainId: number) => number, multiplier: bigint): bigint {
  const waitingTokens = (r: RequestMatch) => (r.request.kind === 'mint' ? (r.trade && r.remaining > 0n ? r.remaining : 0n) : (r.trade ? 0n : r.onChain));
  return requests.reduce((sum, r) => sum + tokensToShares([{ amount: waitingTokens(r), decimals: decimalsOf(r.request.chainId) }], multiplier), 0n);
}

/**
 * The core invariant (docs/reconciliation.md), judged on the asset's figures (figures.ts): required, held,
 * custody, pendingBuy, pendingSell, pending (net), difference (held − required), ratio
 * (held / required), tolerance, multiplier; over-collateralized adds explainedSurplus.
 */
export function collateralFindings(run: Run, snapshot: AssetSnapshot, collateral: CollateralFigures, issuance: IssuanceMatching): Finding[] {
  const { multiplier, required, custody, pendingBuy, pendingSell, held, pendingTrades, difference } = collateral;
  const figures: BreakFigures = {
    required: formatShares(required),
    held: formatShares(held),
    custody: formatShares(custody),
    pendingBuy: formatShares(pendingBuy),
    pendingSell: formatShares(pendingSell),
    pending: formatShares(pendingBuy - pendingSell),
    difference: formatShares(difference),
    ...(collateral.ratio === undefined ? {} : { ratio: formatShares(collateral.ratio) }),
    tolerance: formatShares(run.tolerance),
    multiplier: formatFixed(multiplier.units, MULTIPLIER_SCALE),
  };
  const evidence = [
    multiplier.eventIds,
    ...snapshot.chains.map((c) => c.eventIds),
    ...snapshot.positions.map((p) => p.eventIds),
    ...pendingTrades.flatMap((s) => [s.trade.eventIds, ...s.confirmations.map((c) => c.eventIds)]),
  ];
  if (-difference > run.tolerance) {
    const reason = `${formatShares(required)} shares required, ${formatShares(held)} held: short by ${formatShares(-difference)}`;
    return [findingOf(run, { breakType: 'under-collateralized', subject: 'collateral', fault: 'collateral', figures, reason, evidence })];
  }
  const decimalsOf = (chainId: number) => {
    const chain = snapshot.chains.find((c) => c.chainId === chainId);
    if (!chain) throw new DomainError('UNKNOWN_CHAIN', `asset ${run.assetId} has a request on chain ${chainId}, which has no supply in the snapshot`);
    return chain.decimals;
  };
  const surplus = explainedSurplus(issuance.requests, decimalsOf, multiplier.units);
  if (difference - surplus > run.tolerance) {
    const reason = `${formatShares(held)} shares held, ${formatShares(required)} required: ${formatShares(difference - surplus)} more than open issuance explains`;
    const withSurplus = { ...figures, explainedSurplus: formatShares(surplus) };
    const requestEvidence = issuance.requests.map((r) => r.request.eventIds);
    return [findingOf(run, { breakType: 'over-collateralized', subject: 'collateral', fault: 'collateral', figures: withSurplus, reason, evidence: [...evidence, ...requestEvidence] })];
  }
  return [];
}
