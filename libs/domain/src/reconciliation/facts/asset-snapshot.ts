import { ChainMintBurn, IssuanceRequestToMatch } from '../../matching/issuance-matching';
import { orderBy } from '../../matching/order';
import { MultiplierPoint } from '../../matching/quantities';
import { SettlementConfirmation } from '../../matching/settlement-matching';
import { ChainSupply, TotalSupplyReading, TradeFacts } from '../snapshot';
import { keptAmount, signedShares } from './asset-facts';
import { AssetFacts, ChainFacts, SupplyReadingRecord, TransferRecord } from './documents';

/** The initial multiplier from registration on, then every change in the order the asset stream recorded them. */
export function multipliersOf(doc: AssetFacts): MultiplierPoint[] {
  const initial = doc.registration ? [{ multiplier: doc.registration.initialMultiplier, effectiveAt: doc.registration.registeredAt, eventIds: [doc.registration.eventId] }] : [];
  return [...initial, ...doc.multiplierChanges.map(({ multiplier, effectiveAt, eventId }) => ({ multiplier, effectiveAt, eventIds: [eventId] }))];
}

const readingOf = ({ amount, blockNumber, readAt, eventId }: SupplyReadingRecord): TotalSupplyReading => ({ amount: BigInt(amount), blockNumber, readAt, eventIds: [eventId] });

/** Chains with a deployed token, supply 0 included; a chain whose TokenDeployed has not arrived yet is not known. */
export function chainsOf(doc: AssetFacts): ChainSupply[] {
  const transfers = Object.values(doc.transfers);
  const deployed = Object.values(doc.chains).flatMap((chain) => (chain.deployment ? [{ ...chain, deployment: chain.deployment }] : []));
  return orderBy(deployed, (c) => [c.chainId]).map((chain) => ({
    chainId: chain.chainId,
    supply: transfers.filter((t) => t.chainId === chain.chainId).reduce((sum, t) => sum + keptAmount(t), BigInt(chain.compactedSupply)),
    decimals: chain.deployment.decimals,
    asOfBlock: chain.asOfBlock?.blockNumber ?? 0,
    asOfTime: chain.asOfBlock?.blockTime ?? chain.deployment.recordedAt,
    eventIds: chain.evidence.length > 0 ? [...chain.evidence].reverse().map((e) => e.eventId) : [chain.deployment.eventId],
    ...(chain.totalSupplyReading ? { totalSupplyReading: readingOf(chain.totalSupplyReading) } : {}),
    ...(chain.multiplierUpdates?.length ? { multiplierUpdates: chain.multiplierUpdates.map(({ multiplier, effectiveAt, eventId }) => ({ multiplier, effectiveAt, eventIds: [eventId] })), shares: sharesOf(chain, transfers) } : {}),
  }));
}

/** Σ contract shares of a rebasing chain: the compacted ones and every kept transfer at the multiplier of its own block. */
function sharesOf(chain: ChainFacts, transfers: readonly TransferRecord[]): { units: bigint; transfers: number } {
  const kept = transfers.filter((t) => t.chainId === chain.chainId && !t.inCompactedSupply);
  const units = kept.reduce((sum, t) => sum + signedShares(t, chain.multiplierUpdates ?? []), BigInt(chain.compactedShares ?? chain.compactedSupply));
  return { units, transfers: kept.length + (chain.compactedCount ?? 0) };
}

export function tradesOf(doc: AssetFacts): TradeFacts[] {
  return orderBy(Object.values(doc.trades), (t) => [t.tradeId]).map(({ tradeId, side, quantity, tradeDate, settlementDate, account, eventIds, failures }) => ({
    tradeId, side, quantity, tradeDate, settlementDate, ...(account === undefined ? {} : { account }), eventIds,
    failures: failures.map(({ failureId, reason, failedAt, eventId, reasonCode }) => ({ failureId, reason, failedAt, eventIds: [eventId], ...(reasonCode === undefined ? {} : { reasonCode }) })),
  }));
}

export function confirmationsOf(doc: AssetFacts): SettlementConfirmation[] {
  const all = Object.values(doc.trades).flatMap((trade) => trade.confirmations.map(({ confirmationId, side, quantity, settledAt, eventId }) =>
    ({ confirmationId, tradeId: trade.tradeId, side, quantity, settledAt, eventIds: [eventId] })));
  return orderBy(all, (c) => [c.confirmationId]);
}

/** Requests and transfers on chains the snapshot knows: matching needs each chain's decimals. */
export function requestsOf(doc: AssetFacts, chainIds: ReadonlySet<number>): IssuanceRequestToMatch[] {
  const known = Object.values(doc.requests).filter((r) => chainIds.has(r.chainId));
  return orderBy(known, (r) => [r.requestId]).map(({ requestId, kind, chainId, amount, requestedAt, tradeId, eventId }) =>
    ({ requestId, kind, chainId, amount: BigInt(amount), requestedAt, ...(tradeId === undefined ? {} : { tradeId }), eventIds: [eventId] }));
}

export function mintsAndBurnsOf(doc: AssetFacts, chainIds: ReadonlySet<number>): ChainMintBurn[] {
  const known = Object.values(doc.transfers).filter((t) => chainIds.has(t.chainId));
  return orderBy(known, (t) => [t.chainId, t.blockNumber, t.logIndex, t.txHash]).map(({ chainId, txHash, logIndex, direction, amount, blockNumber, blockTime, requestId, eventId }) =>
    ({ chainId, txHash, logIndex, direction, amount: BigInt(amount), blockNumber, blockTime, requestId, eventIds: [eventId] }));
}
