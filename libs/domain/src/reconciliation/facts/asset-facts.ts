import { businessDateOf, instantMs, isoOf } from '../../matching/time';
import { MULTIPLIER_SCALE, parseFixed, parseShares } from '../../shared/fixed-point';
import { AssetFacts, ChainFacts, ChainMultiplierRecord, FactEvent, RequestRecord, TradeRecord, TransferEvidence, TransferRecord } from './documents';
import { Cutoffs, cutoffsAt, laterInstant, MINT_BURN_EVIDENCE, RECENT_EVENT_IDS, REVERTED_TRANSFERS } from './retention';

export const emptyAssetFacts = (assetId: string): AssetFacts => ({
  kind: 'asset', assetId, latestRecordedAt: '1970-01-01T00:00:00Z', recentEventIds: [],
  multiplierChanges: [], linkedAccounts: {}, chains: {}, trades: {}, requests: {}, transfers: {},
});

export const transferKey = (t: { chainId: number; txHash: string; logIndex: number }): string => `${t.chainId}:${t.txHash}:${t.logIndex}`;

const emptyChain = (chainId: number): ChainFacts => ({ chainId, compactedSupply: '0', evidence: [] });
const chainOf = (doc: AssetFacts, chainId: number): ChainFacts => doc.chains[chainId] ?? emptyChain(chainId);

/**
 * An asset document while a batch of events is folded into it: its own copies of the collections,
 * changed in place (the records in them are still replaced, never changed), plus the keys each event
 * changed. Copying the document once per batch instead of once per event is what keeps folding an
 * event independent of how many trades the asset holds open. Nothing outside `foldAssetFacts` sees a
 * draft before it is done.
 */
interface AssetDraft {
  kind: 'asset';
  assetId: string;
  latestRecordedAt: string;
  recentEventIds: string[];
  registration?: AssetFacts['registration'];
  multiplierChanges: Array<AssetFacts['multiplierChanges'][number]>;
  linkedAccounts: Record<string, AssetFacts['linkedAccounts'][string]>;
  chains: Record<string, ChainFacts>;
  trades: Record<string, TradeRecord>;
  requests: Record<string, RequestRecord>;
  transfers: Record<string, TransferRecord>;
  /** What the current event changed that retention may now drop (see `dueAfter`). */
  readonly changed: { trades: Set<string>; transfers: Set<string>; requests: Set<string> };
}

function draftOf(doc: AssetFacts): AssetDraft {
  return {
    ...doc,
    recentEventIds: [...doc.recentEventIds],
    multiplierChanges: [...doc.multiplierChanges],
    linkedAccounts: { ...doc.linkedAccounts },
    chains: { ...doc.chains },
    trades: { ...doc.trades },
    requests: { ...doc.requests },
    transfers: { ...doc.transfers },
    changed: { trades: new Set(), transfers: new Set(), requests: new Set() },
  };
}

/** The finished document: the draft without its change tracking. */
function documentOf(draft: AssetDraft): AssetFacts {
  const { changed: _changed, ...doc } = draft;
  return doc;
}

const setChain = (draft: AssetDraft, chain: ChainFacts): void => void (draft.chains[chain.chainId] = chain);
function setTrade(draft: AssetDraft, trade: TradeRecord): void {
  draft.trades[trade.tradeId] = trade;
  draft.changed.trades.add(trade.tradeId);
}
function setRequest(draft: AssetDraft, request: RequestRecord): void {
  draft.requests[request.requestId] = request;
  draft.changed.requests.add(request.requestId);
}
/** Sets (or with undefined deletes) a transfer; the request it fulfils, before or after, may now be complete. */
function setTransfer(draft: AssetDraft, key: string, transfer: TransferRecord | undefined): void {
  const before = draft.transfers[key];
  if (transfer) draft.transfers[key] = transfer;
  else delete draft.transfers[key];
  draft.changed.transfers.add(key);
  for (const requestId of [before?.requestId, transfer?.requestId]) if (requestId) draft.changed.requests.add(requestId);
}

/** Latest first by block and log index, so the kept evidence does not depend on arrival order. */
const byRecency = (a: TransferEvidence, b: TransferEvidence) => b.blockNumber - a.blockNumber || b.logIndex - a.logIndex || (a.eventId < b.eventId ? -1 : 1);

/** The log was reverted: by its block hash when the watcher saw it, else by its block number (a hand-recorded one has no hash). */
const wasReverted = (chain: ChainFacts, t: Pick<TransferRecord, 'txHash' | 'logIndex' | 'blockNumber' | 'blockHash'>): boolean =>
  (chain.reverted ?? []).some((r) => r.txHash === t.txHash && r.logIndex === t.logIndex && (t.blockHash ? r.blockHash === t.blockHash : r.blockNumber === t.blockNumber));

/** At or below the compaction watermark: the log is already in the chain's compacted supply (see ChainFacts.compactedThroughBlock). */
const isCompacted = (chain: ChainFacts, blockNumber: number): boolean => chain.compactedThroughBlock !== undefined && blockNumber <= chain.compactedThroughBlock;

function addTransfer(draft: AssetDraft, transfer: TransferRecord): void {
  const key = transferKey(transfer);
  const known = draft.transfers[key];
  // The watcher's observation and the request's MintedOnChain / BurnedOnChain are one log: the request attaches, nothing adds up twice.
  if (known) {
    const attached = { ...known, ...(known.requestId || !transfer.requestId ? {} : { requestId: transfer.requestId }), ...(known.blockHash || !transfer.blockHash ? {} : { blockHash: transfer.blockHash }) };
    if (attached.requestId !== known.requestId || attached.blockHash !== known.blockHash) setTransfer(draft, key, attached);
    return;
  }
  const chain = chainOf(draft, transfer.chainId);
  if (wasReverted(chain, transfer)) return;
  if (isCompacted(chain, transfer.blockNumber)) {
    // A repeat of a compacted observation adds nothing; a request naming a compacted log is fulfilled by it without adding.
    if (transfer.requestId) setTransfer(draft, key, { ...transfer, inCompactedSupply: true });
    return;
  }
  const evidence = [...chain.evidence, { blockNumber: transfer.blockNumber, logIndex: transfer.logIndex, eventId: transfer.eventId }].sort(byRecency).slice(0, MINT_BURN_EVIDENCE);
  const later = !chain.asOfBlock || transfer.blockNumber > chain.asOfBlock.blockNumber;
  const asOfBlock = later ? { blockNumber: transfer.blockNumber, blockTime: transfer.blockTime } : chain.asOfBlock;
  setTransfer(draft, key, transfer);
  setChain(draft, { ...chain, evidence, ...(asOfBlock ? { asOfBlock } : {}) });
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
function revertTransfer(draft: AssetDraft, orphaned: Reversal, eventId: string): void {
  const chain = chainOf(draft, orphaned.chainId);
  if (wasReverted(chain, orphaned)) return;
  const { txHash, logIndex, blockNumber, blockHash } = orphaned;
  const reverted = [...(chain.reverted ?? []), { txHash, logIndex, blockNumber, blockHash, eventId }]
    .sort((a, b) => b.blockNumber - a.blockNumber || b.logIndex - a.logIndex).slice(0, REVERTED_TRANSFERS);
  const key = transferKey(orphaned);
  const removed = draft.transfers[key];
  if (removed && removed.blockHash && removed.blockHash !== blockHash) return setChain(draft, { ...chain, reverted }); // another block's log of that transaction
  if (removed) {
    const evidence = chain.evidence.filter((e) => e.eventId !== removed.eventId);
    setTransfer(draft, key, undefined);
    return setChain(draft, { ...(removed.inCompactedSupply ? compacted(chain, removed, -1n) : chain), evidence, reverted });
  }
  if (!isCompacted(chain, blockNumber)) return setChain(draft, { ...chain, reverted });
  const { direction, chainId, amount } = orphaned;
  setChain(draft, { ...compacted(chain, { direction, chainId, txHash, logIndex, amount, blockNumber, blockTime: '1970-01-01T00:00:00Z', eventId }, -1n), reverted });
}

type ChainFactEvent = Extract<FactEvent['event'], { type: 'TotalSupplyRead' | 'ChainMultiplierObserved' | 'ChainReorgDetected' }>;

/** Readings and rebases of the watched chain, in the order its one stream recorded them. */
function readChain(draft: AssetDraft, event: ChainFactEvent, eventId: string): void {
  const chain = chainOf(draft, event.data.chainId);
  const updates = chain.multiplierUpdates ?? [];
  switch (event.type) {
    case 'TotalSupplyRead': {
      const { amount, blockNumber, blockTime } = event.data;
      const later = !chain.asOfBlock || blockNumber > chain.asOfBlock.blockNumber;
      return setChain(draft, { ...chain, totalSupplyReading: { amount, blockNumber, readAt: blockTime, eventId }, ...(later ? { asOfBlock: { blockNumber, blockTime } } : {}) });
    }
    case 'ChainMultiplierObserved': {
      if (updates.some((m) => m.eventId === eventId)) return;
      const { multiplier, blockTime, blockNumber, logIndex } = event.data;
      return setChain(draft, { ...chain, multiplierUpdates: [...updates, { multiplier, effectiveAt: blockTime, blockNumber, logIndex, eventId }] });
    }
    case 'ChainReorgDetected': {
      const fork = event.data.forkBlockNumber;
      const { totalSupplyReading: reading, ...rest } = chain;
      const kept = reading && reading.blockNumber <= fork ? { totalSupplyReading: reading } : {};
      // The highest block seen may be orphaned: the chain's figures are as of the fork now, a block it still has.
      const { forkBlockTime } = event.data;
      const asOf = forkBlockTime && rest.asOfBlock && rest.asOfBlock.blockNumber > fork ? { asOfBlock: { blockNumber: fork, blockTime: forkBlockTime } } : {};
      return setChain(draft, { ...rest, ...kept, ...asOf, multiplierUpdates: updates.filter((m) => m.blockNumber <= fork) });
    }
  }
}

function settle(trade: TradeRecord, data: Extract<FactEvent['event'], { type: 'TradeSettled' }>['data'], eventId: string): TradeRecord {
  if (trade.confirmations.some((c) => c.confirmationId === data.confirmationId) || trade.reversed?.includes(data.confirmationId)) return trade;
  const confirmation = { confirmationId: data.confirmationId, side: data.side, quantity: data.quantity, settledAt: data.settledAt, eventId };
  const settled = parseShares(data.remainingQuantity, 'remainingQuantity') === 0n;
  return { ...trade, confirmations: [...trade.confirmations, confirmation], ...(settled ? { settledAt: data.settledAt } : {}) };
}

/** Folds one event of the asset's own, trade or issuance streams into the draft. Every step is keyed, so a repeat is a no-op. */
function applyAssetFact(draft: AssetDraft, { eventId, recordedAt, event }: FactEvent): void {
  switch (event.type) {
    case 'AssetRegistered': {
      if (draft.registration) return;
      const { isin, initialMultiplier, registeredAt } = event.data;
      draft.registration = { isin, initialMultiplier, registeredAt, eventId };
      return;
    }
    case 'TokenDeployed': {
      const chain = chainOf(draft, event.data.chainId);
      if (!chain.deployment) setChain(draft, { ...chain, deployment: { decimals: event.data.decimals, eventId, recordedAt } });
      return;
    }
    case 'CustodyAccountLinked': {
      const { custodian, account } = event.data;
      const key = `${custodian}/${account}`;
      if (!draft.linkedAccounts[key]) draft.linkedAccounts[key] = { custodian, account, eventId };
      return;
    }
    case 'MultiplierChanged': {
      if (draft.multiplierChanges.some((m) => m.eventId === eventId)) return;
      draft.multiplierChanges.push({ multiplier: event.data.newMultiplier, effectiveAt: event.data.effectiveAt, eventId });
      return;
    }
    case 'TradeExecuted': {
      const { tradeId, side, quantity, tradeDate, settlementDate, settlementAccount } = event.data;
      const account = settlementAccount === undefined ? {} : { account: { custodian: settlementAccount.custodian, account: settlementAccount.account } };
      if (!draft.trades[tradeId]) setTrade(draft, { tradeId, side, quantity, tradeDate, settlementDate, ...account, eventIds: [eventId], failures: [], confirmations: [] });
      return;
    }
    case 'TradeAmended': {
      const trade = draft.trades[event.data.tradeId];
      if (!trade || trade.eventIds.includes(eventId)) return;
      setTrade(draft, { ...trade, quantity: event.data.quantity, settlementDate: event.data.settlementDate, eventIds: [...trade.eventIds, eventId] });
      return;
    }
    case 'TradeCancelled':
      delete draft.trades[event.data.tradeId];
      return;
    case 'TradeSettled': {
      const trade = draft.trades[event.data.tradeId];
      if (trade) setTrade(draft, settle(trade, event.data, eventId));
      return;
    }
    case 'SettlementFailed': {
      const trade = draft.trades[event.data.tradeId];
      if (!trade || trade.failures.some((f) => f.failureId === event.data.failureId)) return;
      const { failureId, reason, failedAt, reasonCode } = event.data;
      setTrade(draft, { ...trade, failures: [...trade.failures, { failureId, reason, failedAt, eventId, ...(reasonCode === undefined ? {} : { reasonCode }) }] });
      return;
    }
    case 'SettlementReversed': {
      // The confirmation the custodian cancelled no longer counts; the trade is due again for its quantity.
      const trade = draft.trades[event.data.tradeId];
      if (!trade || trade.reversed?.includes(event.data.confirmationId)) return;
      const { settledAt: _settled, ...open } = trade;
      setTrade(draft, { ...open, confirmations: trade.confirmations.filter((c) => c.confirmationId !== event.data.confirmationId), reversed: [...(trade.reversed ?? []), event.data.confirmationId] });
      return;
    }
    case 'MintRequested':
    case 'RedemptionRequested': {
      const { requestId, chainId, amount, requestedAt, tradeId } = event.data;
      if (draft.requests[requestId]) return;
      const kind = event.type === 'MintRequested' ? 'mint' : 'redemption';
      setRequest(draft, { requestId, kind, chainId, amount, requestedAt, ...(tradeId === undefined ? {} : { tradeId }), eventId });
      return;
    }
    case 'MintedOnChain':
    case 'BurnedOnChain': {
      const { requestId, chainId, txHash, logIndex, amount, blockNumber, blockTime } = event.data;
      const direction = event.type === 'MintedOnChain' ? 'mint' : 'burn';
      return addTransfer(draft, { requestId, direction, chainId, txHash, logIndex, amount, blockNumber, blockTime, eventId });
    }
    case 'ChainTransferObserved': {
      const { chainId, txHash, logIndex, direction, amount, blockNumber, blockTime, blockHash } = event.data;
      return addTransfer(draft, { direction, chainId, txHash, logIndex, amount, blockNumber, blockTime, blockHash, eventId });
    }
    case 'ChainTransferReverted':
      return revertTransfer(draft, event.data, eventId);
    case 'TotalSupplyRead':
    case 'ChainMultiplierObserved':
    case 'ChainReorgDetected':
      return readChain(draft, event, eventId);
    default:
      return;
  }
}

/**
 * Folds the events, in order, into the asset document, each as `evolveFacts` would: a redelivered
 * one (among the recent ids) is skipped, the others advance the document's clock and recent ids and
 * change its facts, and retention is applied after each. One copy of the document for the batch;
 * retention looks at what each event changed, and at the whole document only when the cutoffs move
 * (or once at the start), since whatever it did not drop at these cutoffs it would not drop now.
 */
export function foldAssetFacts(doc: AssetFacts, facts: readonly FactEvent[]): AssetFacts {
  let draft: AssetDraft | undefined;
  const recent = new Set(doc.recentEventIds);
  let checkedAt: Cutoffs | undefined;
  for (const fact of facts) {
    if (recent.has(fact.eventId)) continue;
    draft ??= draftOf(doc);
    draft.latestRecordedAt = laterInstant(draft.latestRecordedAt, fact.recordedAt);
    draft.recentEventIds.push(fact.eventId);
    recent.add(fact.eventId);
    while (draft.recentEventIds.length > RECENT_EVENT_IDS) recent.delete(draft.recentEventIds.shift()!);
    applyAssetFact(draft, fact);
    const cutoffs = cutoffsAt(draft.latestRecordedAt);
    const moved = !checkedAt || !sameCutoffs(checkedAt, cutoffs);
    if ((moved && anythingDue(draft, cutoffs)) || (!moved && dueAfter(draft, cutoffs))) pruneDraft(draft, cutoffs);
    checkedAt = cutoffs;
    for (const set of Object.values(draft.changed)) set.clear();
  }
  return draft ? documentOf(draft) : doc;
}

const sameCutoffs = (a: Cutoffs, b: Cutoffs): boolean => a.settled === b.settled && a.observed === b.observed && a.movements === b.movements;

/** Whether retention can drop anything the current event changed (nothing else became due at unchanged cutoffs). */
function dueAfter(draft: AssetDraft, cutoffs: Cutoffs): boolean {
  const { trades, transfers, requests } = draft.changed;
  for (const tradeId of trades) if (tradeDue(draft.trades[tradeId], cutoffs)) return true;
  for (const key of transfers) {
    const transfer = draft.transfers[key];
    if (transfer && observedToCompact(transfer, cutoffs.observed)) return true;
  }
  if (requests.size === 0) return false;
  for (const requestId of requestsToCompact(draft, cutoffs.settled)) if (requests.has(requestId)) return true;
  return false;
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
function requestsToCompact(doc: Pick<AssetFacts, 'requests' | 'transfers'>, cutoff: string): Set<string> {
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

/** A trade that settled before the cutoff. */
const tradeDue = (t: TradeRecord | undefined, cutoffs: Cutoffs): boolean => !!t?.settledAt && businessDateOf(t.settledAt, 'settledAt') < cutoffs.settled;

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
  if (!anythingDue(doc, cutoffs)) return doc; // mostly nothing is: found out without copying
  const draft = draftOf(doc);
  pruneDraft(draft, cutoffs);
  return documentOf(draft);
}

function anythingDue(doc: Pick<AssetFacts, 'trades' | 'requests' | 'transfers'>, cutoffs: Cutoffs): boolean {
  return Object.values(doc.trades).some((t) => tradeDue(t, cutoffs)) || Object.values(doc.transfers).some((t) => observedToCompact(t, cutoffs.observed))
    || requestsToCompact(doc, cutoffs.settled).size > 0;
}

/** `pruneAssetFacts` in place. */
function pruneDraft(draft: AssetDraft, cutoffs: Cutoffs): void {
  const compact = requestsToCompact(draft, cutoffs.settled);
  for (const [tradeId, trade] of Object.entries(draft.trades)) if (tradeDue(trade, cutoffs)) delete draft.trades[tradeId];
  for (const requestId of compact) delete draft.requests[requestId];
  for (const [key, t] of Object.entries(draft.transfers)) {
    if (!observedToCompact(t, cutoffs.observed) && (!t.requestId || !compact.has(t.requestId))) continue;
    delete draft.transfers[key];
    const chain = chainOf(draft, t.chainId);
    const folded = t.inCompactedSupply ? chain : compacted(chain, t, 1n);
    // A log the watcher saw (it has a block hash): the watcher scanned every block below it, so all of them are kept or compacted.
    setChain(draft, t.blockHash ? { ...folded, compactedThroughBlock: Math.max(folded.compactedThroughBlock ?? 0, t.blockNumber) } : folded);
  }
}
