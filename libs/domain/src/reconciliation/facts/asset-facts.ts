import { businessDateOf, instantMs, isoOf } from '../../matching/time';
import { MULTIPLIER_SCALE, parseFixed, parseShares } from '../../shared/fixed-point';
import { AssetFacts, ChainFacts, ChainMultiplierRecord, FactEvent, TradeRecord, TransferEvidence, TransferRecord } from './documents';
import { Cutoffs, MINT_BURN_EVIDENCE, REVERTED_TRANSFERS } from './retention';

export const emptyAssetFacts = (assetId: string): AssetFacts => ({
  kind: 'asset', assetId, latestRecordedAt: '1970-01-01T00:00:00Z', recentEventIds: [],
  multiplierChanges: [], linkedAccounts: {}, chains: {}, trades: {}, requests: {}, transfers: {},
});

export const transferKey = (t: { chainId: number; txHash: string; logIndex: number }): string => `${t.chainId}:${t.txHash}:${t.logIndex}`;

const emptyChain = (chainId: number): ChainFacts => ({ chainId, compactedSupply: '0', evidence: [] });
const chainOf = (doc: AssetFacts, chainId: number): ChainFacts => doc.chains[chainId] ?? emptyChain(chainId);
const withChain = (doc: AssetFacts, chain: ChainFacts): AssetFacts => ({ ...doc, chains: { ...doc.chains, [chain.chainId]: chain } });
const withTrade = (doc: AssetFacts, trade: TradeRecord): AssetFacts => ({ ...doc, trades: { ...doc.trades, [trade.tradeId]: trade } });

/** Latest first by block and log index, so the kept evidence does not depend on arrival order. */
const byRecency = (a: TransferEvidence, b: TransferEvidence) => b.blockNumber - a.blockNumber || b.logIndex - a.logIndex || (a.eventId < b.eventId ? -1 : 1);

/** The log was reverted: by its block hash when the watcher saw it, else by its block number (a hand-recorded one has no hash). */
const wasReverted = (chain: ChainFacts, t: Pick<TransferRecord, 'txHash' | 'logIndex' | 'blockNumber' | 'blockHash'>): boolean =>
  (chain.reverted ?? []).some((r) => r.txHash === t.txHash && r.logIndex === t.logIndex && (t.blockHash ? r.blockHash === t.blockHash : r.blockNumber === t.blockNumber));

/** At or below the compaction watermark: the log is already in the chain's compacted supply (see ChainFacts.compactedThroughBlock). */
const isCompacted = (chain: ChainFacts, blockNumber: number): boolean => chain.compactedThroughBlock !== undefined && blockNumber <= chain.compactedThroughBlock;

function withTransfer(doc: AssetFacts, transfer: TransferRecord): AssetFacts {
  const key = transferKey(transfer);
  const known = doc.transfers[key];
  // The watcher's observation and the request's MintedOnChain / BurnedOnChain are one log: the request attaches, nothing adds up twice.
  if (known) {
    const attached = { ...known, ...(known.requestId || !transfer.requestId ? {} : { requestId: transfer.requestId }), ...(known.blockHash || !transfer.blockHash ? {} : { blockHash: transfer.blockHash }) };
    return attached.requestId === known.requestId && attached.blockHash === known.blockHash ? doc : { ...doc, transfers: { ...doc.transfers, [key]: attached } };
  }
  const chain = chainOf(doc, transfer.chainId);
  if (wasReverted(chain, transfer)) return doc;
  if (isCompacted(chain, transfer.blockNumber)) {
    // A repeat of a compacted observation adds nothing; a request naming a compacted log is fulfilled by it without adding.
    return transfer.requestId ? { ...doc, transfers: { ...doc.transfers, [key]: { ...transfer, inCompactedSupply: true } } } : doc;
  }
  const evidence = [...chain.evidence, { blockNumber: transfer.blockNumber, logIndex: transfer.logIndex, eventId: transfer.eventId }].sort(byRecency).slice(0, MINT_BURN_EVIDENCE);
  const later = !chain.asOfBlock || transfer.blockNumber > chain.asOfBlock.blockNumber;
  const asOfBlock = later ? { blockNumber: transfer.blockNumber, blockTime: transfer.blockTime } : chain.asOfBlock;
  return withChain({ ...doc, transfers: { ...doc.transfers, [key]: transfer } }, { ...chain, evidence, ...(asOfBlock ? { asOfBlock } : {}) });
}

/** Adds (sign 1) or takes out (sign −1) a transfer to / from the chain's compacted sums. */
function compacted(chain: ChainFacts, t: TransferRecord, sign: 1n | -1n): ChainFacts {
  const shares = chain.multiplierUpdates?.length || chain.compactedShares !== undefined
    ? { compactedShares: (BigInt(chain.compactedShares ?? chain.compactedSupply) + sign * signedShares(t, chain.multiplierUpdates ?? [])).toString() } : {};
  return { ...chain, compactedSupply: (BigInt(chain.compactedSupply) + sign * signedAmount(t)).toString(), compactedCount: (chain.compactedCount ?? 0) + Number(sign), ...shares };
}

type Reversal = Extract<FactEvent['event'], { type: 'ChainTransferReverted' }>['data'];

/**
 * A reorg orphaned the transfer's block: the chain no longer has it, so neither does the supply,
 * whether it is still kept or already compacted; and the log stays reverted, whatever names it later.
 */
function withoutTransfer(doc: AssetFacts, orphaned: Reversal, eventId: string): AssetFacts {
  const chain = chainOf(doc, orphaned.chainId);
  if (wasReverted(chain, orphaned)) return doc;
  const { txHash, logIndex, blockNumber, blockHash } = orphaned;
  const reverted = [...(chain.reverted ?? []), { txHash, logIndex, blockNumber, blockHash, eventId }]
    .sort((a, b) => b.blockNumber - a.blockNumber || b.logIndex - a.logIndex).slice(0, REVERTED_TRANSFERS);
  const key = transferKey(orphaned);
  const { [key]: removed, ...transfers } = doc.transfers;
  if (removed && removed.blockHash && removed.blockHash !== blockHash) return withChain(doc, { ...chain, reverted }); // another block's log of that transaction
  if (removed) {
    const evidence = chain.evidence.filter((e) => e.eventId !== removed.eventId);
    return withChain({ ...doc, transfers }, { ...(removed.inCompactedSupply ? compacted(chain, removed, -1n) : chain), evidence, reverted });
  }
  if (!isCompacted(chain, blockNumber)) return withChain(doc, { ...chain, reverted });
  const { direction, chainId, amount } = orphaned;
  return withChain(doc, { ...compacted(chain, { direction, chainId, txHash, logIndex, amount, blockNumber, blockTime: '1970-01-01T00:00:00Z', eventId }, -1n), reverted });
}

type ChainFactEvent = Extract<FactEvent['event'], { type: 'TotalSupplyRead' | 'ChainMultiplierObserved' | 'ChainReorgDetected' }>;

/** Readings and rebases of the watched chain, in the order its one stream recorded them. */
function withChainReading(doc: AssetFacts, event: ChainFactEvent, eventId: string): AssetFacts {
  const chain = chainOf(doc, event.data.chainId);
  const updates = chain.multiplierUpdates ?? [];
  switch (event.type) {
    case 'TotalSupplyRead': {
      const { amount, blockNumber, blockTime } = event.data;
      const later = !chain.asOfBlock || blockNumber > chain.asOfBlock.blockNumber;
      return withChain(doc, { ...chain, totalSupplyReading: { amount, blockNumber, readAt: blockTime, eventId }, ...(later ? { asOfBlock: { blockNumber, blockTime } } : {}) });
    }
    case 'ChainMultiplierObserved': {
      if (updates.some((m) => m.eventId === eventId)) return doc;
      const { multiplier, blockTime, blockNumber, logIndex } = event.data;
      return withChain(doc, { ...chain, multiplierUpdates: [...updates, { multiplier, effectiveAt: blockTime, blockNumber, logIndex, eventId }] });
    }
    case 'ChainReorgDetected': {
      const fork = event.data.forkBlockNumber;
      const { totalSupplyReading: reading, ...rest } = chain;
      const kept = reading && reading.blockNumber <= fork ? { totalSupplyReading: reading } : {};
      return withChain(doc, { ...rest, ...kept, multiplierUpdates: updates.filter((m) => m.blockNumber <= fork) });
    }
  }
}

function settle(trade: TradeRecord, data: Extract<FactEvent['event'], { type: 'TradeSettled' }>['data'], eventId: string): TradeRecord {
  if (trade.confirmations.some((c) => c.confirmationId === data.confirmationId)) return trade;
  const confirmation = { confirmationId: data.confirmationId, side: data.side, quantity: data.quantity, settledAt: data.settledAt, eventId };
  const settled = parseShares(data.remainingQuantity, 'remainingQuantity') === 0n;
  return { ...trade, confirmations: [...trade.confirmations, confirmation], ...(settled ? { settledAt: data.settledAt } : {}) };
}

/** Folds one event of the asset's own, trade or issuance streams. Every step is keyed, so a repeat is a no-op. */
export function evolveAssetFacts(doc: AssetFacts, { eventId, recordedAt, event }: FactEvent): AssetFacts {
  switch (event.type) {
    case 'AssetRegistered': {
      if (doc.registration) return doc;
      const { isin, initialMultiplier, registeredAt } = event.data;
      return { ...doc, registration: { isin, initialMultiplier, registeredAt, eventId } };
    }
    case 'TokenDeployed': {
      const chain = chainOf(doc, event.data.chainId);
      return chain.deployment ? doc : withChain(doc, { ...chain, deployment: { decimals: event.data.decimals, eventId, recordedAt } });
    }
    case 'CustodyAccountLinked': {
      const { custodian, account } = event.data;
      const key = `${custodian}/${account}`;
      return doc.linkedAccounts[key] ? doc : { ...doc, linkedAccounts: { ...doc.linkedAccounts, [key]: { custodian, account, eventId } } };
    }
    case 'MultiplierChanged': {
      if (doc.multiplierChanges.some((m) => m.eventId === eventId)) return doc;
      const change = { multiplier: event.data.newMultiplier, effectiveAt: event.data.effectiveAt, eventId };
      return { ...doc, multiplierChanges: [...doc.multiplierChanges, change] };
    }
    case 'TradeExecuted': {
      const { tradeId, side, quantity, tradeDate, settlementDate } = event.data;
      if (doc.trades[tradeId]) return doc;
      return withTrade(doc, { tradeId, side, quantity, tradeDate, settlementDate, eventIds: [eventId], failures: [], confirmations: [] });
    }
    case 'TradeAmended': {
      const trade = doc.trades[event.data.tradeId];
      if (!trade || trade.eventIds.includes(eventId)) return doc;
      return withTrade(doc, { ...trade, quantity: event.data.quantity, settlementDate: event.data.settlementDate, eventIds: [...trade.eventIds, eventId] });
    }
    case 'TradeCancelled': {
      const { [event.data.tradeId]: _cancelled, ...trades } = doc.trades;
      return { ...doc, trades };
    }
    case 'TradeSettled': {
      const trade = doc.trades[event.data.tradeId];
      return trade ? withTrade(doc, settle(trade, event.data, eventId)) : doc;
    }
    case 'SettlementFailed': {
      const trade = doc.trades[event.data.tradeId];
      if (!trade || trade.failures.some((f) => f.failureId === event.data.failureId)) return doc;
      const { failureId, reason, failedAt } = event.data;
      return withTrade(doc, { ...trade, failures: [...trade.failures, { failureId, reason, failedAt, eventId }] });
    }
    case 'MintRequested':
    case 'RedemptionRequested': {
      const { requestId, chainId, amount, requestedAt } = event.data;
      if (doc.requests[requestId]) return doc;
      const kind = event.type === 'MintRequested' ? 'mint' : 'redemption';
      return { ...doc, requests: { ...doc.requests, [requestId]: { requestId, kind, chainId, amount, requestedAt, eventId } } };
    }
    case 'MintedOnChain':
    case 'BurnedOnChain': {
      const { requestId, chainId, txHash, logIndex, amount, blockNumber, blockTime } = event.data;
      const direction = event.type === 'MintedOnChain' ? 'mint' : 'burn';
      return withTransfer(doc, { requestId, direction, chainId, txHash, logIndex, amount, blockNumber, blockTime, eventId });
    }
    case 'ChainTransferObserved': {
      const { chainId, txHash, logIndex, direction, amount, blockNumber, blockTime, blockHash } = event.data;
      return withTransfer(doc, { direction, chainId, txHash, logIndex, amount, blockNumber, blockTime, blockHash, eventId });
    }
    case 'ChainTransferReverted':
      return withoutTransfer(doc, event.data, eventId);
    case 'TotalSupplyRead':
    case 'ChainMultiplierObserved':
    case 'ChainReorgDetected':
      return withChainReading(doc, event, eventId);
    default:
      return doc;
  }
}

/** Mint +, burn −: what a transfer does to its chain's supply. */
export const signedAmount = (t: TransferRecord): bigint => (t.direction === 'mint' ? BigInt(t.amount) : -BigInt(t.amount));

/** What a kept transfer adds to its chain's supply beyond the compacted sum: nothing if it is already in it. */
export const keptAmount = (t: TransferRecord): bigint => (t.inCompactedSupply ? 0n : signedAmount(t));

const ONE = 10n ** BigInt(MULTIPLIER_SCALE);

/**
 * The contract shares a mint adds or a burn takes (Backed's rebasing tokens: `shares = amount ×
 * 1e18 / multiplier`, truncated, at the multiplier in effect when the log was emitted; 1e18 before
 * the first update), signed like `signedAmount`. totalSupply() is Σ shares × multiplier now / 1e18.
 */
export function signedShares(t: Pick<TransferRecord, 'direction' | 'amount' | 'blockNumber' | 'logIndex'>, updates: readonly ChainMultiplierRecord[]): bigint {
  const before = updates.filter((m) => m.blockNumber < t.blockNumber || (m.blockNumber === t.blockNumber && (m.logIndex ?? -1) < t.logIndex))
    .sort((a, b) => a.blockNumber - b.blockNumber || (a.logIndex ?? -1) - (b.logIndex ?? -1)).at(-1);
  const multiplier = before ? parseFixed(before.multiplier, MULTIPLIER_SCALE, 'multiplier') : ONE;
  const shares = (BigInt(t.amount) * ONE) / multiplier;
  return t.direction === 'mint' ? shares : -shares;
}

/** A fulfilled request whose last activity (request or any of its transfers) is before the cutoff. */
function requestsToCompact(doc: AssetFacts, cutoff: string): Set<string> {
  const done = new Set<string>();
  const requests = Object.values(doc.requests);
  if (requests.length === 0) return done;
  const transfersOf = new Map<string, TransferRecord[]>();
  for (const t of Object.values(doc.transfers)) {
    if (!t.requestId) continue;
    const list = transfersOf.get(t.requestId);
    if (list) list.push(t);
    else transfersOf.set(t.requestId, [t]);
  }
  for (const request of requests) {
    const transfers = transfersOf.get(request.requestId) ?? [];
    const fulfilled = transfers.reduce((sum, t) => sum + BigInt(t.amount), 0n) >= BigInt(request.amount);
    const lastMs = Math.max(instantMs(request.requestedAt, 'requestedAt'), ...transfers.map((t) => instantMs(t.blockTime, 'blockTime')));
    if (fulfilled && businessDateOf(isoOf(lastMs), 'lastActivity') < cutoff) done.add(request.requestId);
  }
  return done;
}

/** Observed transfers no request names whose block is before the cutoff: the chain has them for good. */
const observedToCompact = (t: TransferRecord, cutoff: string): boolean => !t.requestId && businessDateOf(t.blockTime, 'blockTime') < cutoff;

/**
 * Drops what retention allows: trades settled before the cutoff (with their confirmations and
 * failures), fulfilled requests with their transfers, and transfers the watcher observed that no
 * request names (their amounts move into the chain's compacted supply; the highest compacted
 * block the watcher saw becomes the chain's watermark). Settled trades and fulfilled requests receive no
 * further events (the deciders refuse them), so dropping one never loses a later fact of it; a log
 * at or below the watermark is recognized as compacted (see `withTransfer`).
 */
export function pruneAssetFacts(doc: AssetFacts, cutoffs: Cutoffs): AssetFacts {
  // Every event of a document ends here, and mostly nothing is due: find that out without copying.
  const tradeDue = (t: TradeRecord): boolean => !!t.settledAt && businessDateOf(t.settledAt, 'settledAt') < cutoffs.settled;
  const compact = requestsToCompact(doc, cutoffs.settled);
  const tradesDue = Object.values(doc.trades).some(tradeDue);
  if (compact.size === 0 && !tradesDue && !Object.values(doc.transfers).some((t) => observedToCompact(t, cutoffs.observed))) return doc;
  const trades = tradesDue ? Object.fromEntries(Object.entries(doc.trades).filter(([, t]) => !tradeDue(t))) : doc.trades;
  const requests = Object.fromEntries(Object.entries(doc.requests).filter(([id]) => !compact.has(id)));
  const chains: Record<string, ChainFacts> = { ...doc.chains };
  const transfers: Record<string, TransferRecord> = {};
  for (const [key, t] of Object.entries(doc.transfers)) {
    if (!observedToCompact(t, cutoffs.observed) && (!t.requestId || !compact.has(t.requestId))) {
      transfers[key] = t;
      continue;
    }
    const chain = chains[t.chainId] ?? emptyChain(t.chainId);
    const folded = t.inCompactedSupply ? chain : compacted(chain, t, 1n);
    // A log the watcher saw (it has a block hash): the watcher scanned every block below it, so all of them are kept or compacted.
    chains[t.chainId] = t.blockHash ? { ...folded, compactedThroughBlock: Math.max(folded.compactedThroughBlock ?? 0, t.blockNumber) } : folded;
  }
  return { ...doc, trades, requests, transfers, chains };
}
