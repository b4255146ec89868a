import { assertNever, Decider, DomainError } from '../shared/decider';
import { formatFixed, MULTIPLIER_SCALE, parseTokenUnits } from '../shared/fixed-point';
import * as guard from '../shared/guards';
import { ChainCommand, ObservedMultiplier, ObservedTransfer, RecordChainScan, RevertOrphanedBlocks } from './commands';
import { ChainEvent, ChainRef, ChainTransferObserved } from './events';

/** Cursor positions kept to find where a reorg forked; a reorg deeper than this many scans is refused. */
export const CHAIN_ANCHORS = 128;

interface Anchor {
  readonly blockNumber: number;
  readonly blockHash: string;
}

export interface ChainState {
  readonly ref?: ChainRef;
  /** The last scanned block: the next scan starts right after it. */
  readonly cursor?: Anchor;
  /** The last CHAIN_ANCHORS cursor positions, oldest first. */
  readonly anchors: readonly Anchor[];
  /** Transfers observed above the oldest anchor, by `<txHash>:<logIndex>`: what a reorg may still revert. */
  readonly recent: Readonly<Record<string, ChainTransferObserved['data']>>;
}

const keyOf = (t: { txHash: string; logIndex: number }) => `${t.txHash}:${t.logIndex}`;

function refOf(data: ChainRef, state: ChainState): ChainRef {
  const ref = { assetId: guard.nonEmpty(data.assetId, 'assetId'), chainId: guard.positiveInteger(data.chainId, 'chainId'), contractAddress: guard.evmAddress(data.contractAddress, 'contractAddress') };
  if (state.ref && (state.ref.assetId !== ref.assetId || state.ref.chainId !== ref.chainId || state.ref.contractAddress !== ref.contractAddress)) {
    throw new DomainError('CHAIN_MISMATCH', `this stream watches ${state.ref.assetId} on chain ${state.ref.chainId} at ${state.ref.contractAddress}, not ${ref.assetId} on ${ref.chainId} at ${ref.contractAddress}`);
  }
  return ref;
}

function inRange(blockNumber: number, from: number, to: number, field: string): number {
  guard.nonNegativeInteger(blockNumber, field);
  if (blockNumber < from || blockNumber > to) throw new DomainError('OUTSIDE_SCAN', `${field}: block ${blockNumber} is outside the scanned range ${from}..${to}`);
  return blockNumber;
}

const transferData = (ref: ChainRef, t: ObservedTransfer, from: number, to: number, i: number): ChainTransferObserved['data'] => ({
  ...ref, direction: t.direction, txHash: guard.txHash(t.txHash, `transfers[${i}].txHash`), logIndex: guard.nonNegativeInteger(t.logIndex, `transfers[${i}].logIndex`),
  amount: guard.tokenUnits(t.amount, `transfers[${i}].amount`).toString(), blockNumber: inRange(t.blockNumber, from, to, `transfers[${i}].blockNumber`),
  blockHash: guard.txHash(t.blockHash, `transfers[${i}].blockHash`), blockTime: guard.timestamp(t.blockTime, `transfers[${i}].blockTime`),
});

const multiplierData = (ref: ChainRef, m: ObservedMultiplier, from: number, to: number, i: number) => ({
  ...ref, txHash: guard.txHash(m.txHash, `multiplierUpdates[${i}].txHash`), logIndex: guard.nonNegativeInteger(m.logIndex, `multiplierUpdates[${i}].logIndex`),
  blockNumber: inRange(m.blockNumber, from, to, `multiplierUpdates[${i}].blockNumber`), blockHash: guard.txHash(m.blockHash, `multiplierUpdates[${i}].blockHash`),
  blockTime: guard.timestamp(m.blockTime, `multiplierUpdates[${i}].blockTime`), multiplier: formatFixed(guard.tokenUnits(m.value, `multiplierUpdates[${i}].value`), MULTIPLIER_SCALE),
});

/** totalSupply() may be zero, unlike a transfer amount. */
function supplyUnits(text: string): string {
  try {
    return parseTokenUnits(text, 'totalSupply').toString();
  } catch (error) {
    throw new DomainError('INVALID_QUANTITY', (error as Error).message);
  }
}

/**
 * A scan must start right after the cursor: a gap would skip blocks, an overlap count them twice.
 * The same scan again (a retry whose first append did commit) is a no-op.
 */
function recordScan({ data }: RecordChainScan, state: ChainState): ChainEvent[] {
  const ref = refOf(data, state);
  const to = { blockNumber: guard.nonNegativeInteger(data.toBlock.blockNumber, 'toBlock.blockNumber'), blockHash: guard.txHash(data.toBlock.blockHash, 'toBlock.blockHash'), blockTime: guard.timestamp(data.toBlock.blockTime, 'toBlock.blockTime') };
  const from = guard.nonNegativeInteger(data.fromBlock, 'fromBlock');
  if (state.anchors.some((a) => a.blockNumber === to.blockNumber && a.blockHash === to.blockHash) && state.cursor && from <= state.cursor.blockNumber) return [];
  if (state.cursor && from !== state.cursor.blockNumber + 1) {
    throw new DomainError('CURSOR_GAP', `scan from block ${from} does not follow the cursor at block ${state.cursor.blockNumber}: blocks would be ${from > state.cursor.blockNumber ? 'skipped' : 'counted twice'}`);
  }
  if (to.blockNumber < from) throw new DomainError('OUTSIDE_SCAN', `toBlock ${to.blockNumber} is before fromBlock ${from}`);
  const transfers = data.transfers.map((t, i) => transferData(ref, t, from, to.blockNumber, i)).filter((t) => !state.recent[keyOf(t)]);
  const multipliers = data.multiplierUpdates.map((m, i) => multiplierData(ref, m, from, to.blockNumber, i));
  return [
    ...transfers.map((t): ChainEvent => ({ type: 'ChainTransferObserved', data: t })),
    ...multipliers.map((m): ChainEvent => ({ type: 'ChainMultiplierObserved', data: m })),
    { type: 'TotalSupplyRead', data: { ...ref, ...to, amount: supplyUnits(data.totalSupply) } },
  ];
}

/** Reverts every transfer above the fork, which must be a recorded position below the cursor. */
function revertOrphaned({ data }: RevertOrphanedBlocks, state: ChainState): ChainEvent[] {
  const ref = refOf(data, state);
  const fork = { blockNumber: guard.nonNegativeInteger(data.forkBlock.blockNumber, 'forkBlock.blockNumber'), blockHash: guard.txHash(data.forkBlock.blockHash, 'forkBlock.blockHash') };
  if (!state.cursor || fork.blockNumber >= state.cursor.blockNumber) throw new DomainError('NOTHING_ORPHANED', `block ${fork.blockNumber} is not below the cursor: nothing recorded above it`);
  const oldest = state.anchors[0]!;
  if (fork.blockNumber < oldest.blockNumber) throw new DomainError('REORG_TOO_DEEP', `a fork at block ${fork.blockNumber} is older than the oldest kept position (block ${oldest.blockNumber}): rebuild from the start block`);
  const orphanedBlocks = state.anchors.filter((a) => a.blockNumber > fork.blockNumber).map(({ blockNumber, blockHash }) => ({ blockNumber, blockHash }));
  const reverted = Object.values(state.recent).filter((t) => t.blockNumber > fork.blockNumber).sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);
  return [
    ...reverted.map(({ direction, txHash, logIndex, amount, blockNumber, blockHash }): ChainEvent =>
      ({ type: 'ChainTransferReverted', data: { ...ref, direction, txHash, logIndex, amount, blockNumber, blockHash } })),
    { type: 'ChainReorgDetected', data: { ...ref, forkBlockNumber: fork.blockNumber, forkBlockHash: fork.blockHash, orphanedBlocks } },
  ];
}

function decide(command: ChainCommand, state: ChainState): ChainEvent[] {
  switch (command.type) {
    case 'RecordChainScan':
      return recordScan(command, state);
    case 'RevertOrphanedBlocks':
      return revertOrphaned(command, state);
    default:
      return assertNever(command);
  }
}

function evolve(state: ChainState, event: ChainEvent): ChainState {
  const { assetId, chainId, contractAddress } = event.data;
  const ref = state.ref ?? { assetId, chainId, contractAddress };
  switch (event.type) {
    case 'ChainTransferObserved':
      return { ...state, ref, recent: { ...state.recent, [keyOf(event.data)]: event.data } };
    case 'ChainTransferReverted': {
      const { [keyOf(event.data)]: _reverted, ...recent } = state.recent;
      return { ...state, ref, recent };
    }
    case 'ChainMultiplierObserved':
      return { ...state, ref };
    case 'TotalSupplyRead': {
      const cursor = { blockNumber: event.data.blockNumber, blockHash: event.data.blockHash };
      const anchors = [...state.anchors, cursor].slice(-CHAIN_ANCHORS);
      const oldest = anchors[0]!.blockNumber;
      const recent = Object.fromEntries(Object.entries(state.recent).filter(([, t]) => t.blockNumber > oldest));
      return { ...state, ref, cursor, anchors, recent };
    }
    case 'ChainReorgDetected': {
      const cursor = { blockNumber: event.data.forkBlockNumber, blockHash: event.data.forkBlockHash };
      return { ...state, ref, cursor, anchors: state.anchors.filter((a) => a.blockNumber <= cursor.blockNumber) };
    }
    default:
      return assertNever(event);
  }
}

/**
 * Folds many events, copying the recent transfers once per run of observations instead of once per
 * event: a scan of ten thousand mints is linear, not quadratic. Same result as reducing with evolve.
 */
export function foldChainEvents(state: ChainState, events: readonly ChainEvent[]): ChainState {
  let current = state;
  let recent: Record<string, ChainTransferObserved['data']> | undefined;
  for (const event of events) {
    if (event.type !== 'ChainTransferObserved') {
      current = evolve(current, event);
      recent = undefined;
      continue;
    }
    recent ??= { ...current.recent };
    recent[keyOf(event.data)] = event.data;
    const { assetId, chainId, contractAddress } = event.data;
    current = { ...current, ref: current.ref ?? { assetId, chainId, contractAddress }, recent };
  }
  return current;
}

export const chainDecider: Decider<ChainCommand, ChainEvent, ChainState> = {
  decide,
  evolve,
  initialState: () => ({ anchors: [], recent: {} }),
};
