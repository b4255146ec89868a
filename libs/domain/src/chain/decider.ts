import { assertNever, Decider, DomainError } from '../shared/decider';
import { formatFixed, MULTIPLIER_SCALE, parseTokenUnits } from '../shared/fixed-point';
import * as guard from '../shared/guards';
import { ChainCommand, ObservedMultiplier, ObservedTransfer, RecordChainScan, RevertOrphanedBlocks } from './commands';
import { ChainEvent, ChainRef, ChainTransferObserved } from './events';

/**
 * Cursor positions kept to find where a reorg forked without reading the stream again. A reorg deeper
 * than these is still recovered: the watcher then finds the fork among every recorded position
 * (`recordedPositions`), or takes the block before the start block when none is canonical any more.
 */
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
  /**
   * Every transfer observed and not reverted, by `<txHash>:<logIndex>`: what a reorg may revert, at any
   * depth (a reorg below every anchor reverts transfers older than them too). Mints and burns are few
   * next to the readings (one per scan), so this is kept whole while the anchors are bounded.
   */
  readonly live: Readonly<Record<string, ChainTransferObserved['data']>>;
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
  const transfers = data.transfers.map((t, i) => transferData(ref, t, from, to.blockNumber, i)).filter((t) => !state.live[keyOf(t)]);
  const multipliers = data.multiplierUpdates.map((m, i) => multiplierData(ref, m, from, to.blockNumber, i));
  return [
    ...transfers.map((t): ChainEvent => ({ type: 'ChainTransferObserved', data: t })),
    ...multipliers.map((m): ChainEvent => ({ type: 'ChainMultiplierObserved', data: m })),
    { type: 'TotalSupplyRead', data: { ...ref, ...to, amount: supplyUnits(data.totalSupply) } },
  ];
}

/**
 * Reverts every transfer above the fork, which must be below the cursor. The fork is a recorded
 * position the chain still has, or the block before the start block when none is: it may be older than
 * every kept anchor (the watcher found it among all recorded positions), and every transfer above it
 * is reverted, however old.
 */
function revertOrphaned({ data }: RevertOrphanedBlocks, state: ChainState): ChainEvent[] {
  const ref = refOf(data, state);
  const fork = {
    blockNumber: guard.nonNegativeInteger(data.forkBlock.blockNumber, 'forkBlock.blockNumber'), blockHash: guard.txHash(data.forkBlock.blockHash, 'forkBlock.blockHash'),
    blockTime: guard.timestamp(data.forkBlock.blockTime, 'forkBlock.blockTime'),
  };
  if (!state.cursor || fork.blockNumber >= state.cursor.blockNumber) throw new DomainError('NOTHING_ORPHANED', `block ${fork.blockNumber} is not below the cursor: nothing recorded above it`);
  const orphanedBlocks = state.anchors.filter((a) => a.blockNumber > fork.blockNumber).map(({ blockNumber, blockHash }) => ({ blockNumber, blockHash }));
  const reverted = Object.values(state.live).filter((t) => t.blockNumber > fork.blockNumber).sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);
  return [
    ...reverted.map(({ direction, txHash, logIndex, amount, blockNumber, blockHash }): ChainEvent =>
      ({ type: 'ChainTransferReverted', data: { ...ref, direction, txHash, logIndex, amount, blockNumber, blockHash } })),
    { type: 'ChainReorgDetected', data: { ...ref, forkBlockNumber: fork.blockNumber, forkBlockHash: fork.blockHash, forkBlockTime: fork.blockTime, orphanedBlocks } },
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

const withRef = (state: ChainState, { assetId, chainId, contractAddress }: ChainRef): ChainState => (state.ref ? state : { ...state, ref: { assetId, chainId, contractAddress } });

function evolve(state: ChainState, event: ChainEvent): ChainState {
  const current = withRef(state, event.data);
  switch (event.type) {
    case 'ChainTransferObserved':
      return { ...current, live: { ...state.live, [keyOf(event.data)]: event.data } };
    case 'ChainTransferReverted': {
      const { [keyOf(event.data)]: _reverted, ...live } = state.live;
      return { ...current, live };
    }
    case 'ChainMultiplierObserved':
      return current;
    case 'TotalSupplyRead': {
      const cursor = { blockNumber: event.data.blockNumber, blockHash: event.data.blockHash };
      return { ...current, cursor, anchors: [...state.anchors, cursor].slice(-CHAIN_ANCHORS) };
    }
    case 'ChainReorgDetected': {
      const cursor = { blockNumber: event.data.forkBlockNumber, blockHash: event.data.forkBlockHash };
      return { ...current, cursor, anchors: state.anchors.filter((a) => a.blockNumber <= cursor.blockNumber) };
    }
    default:
      return assertNever(event);
  }
}

/**
 * Folds many events, copying the live transfers once for the whole fold instead of once per event:
 * a stream of ten thousand mints and a million readings folds in linear time. Same result as
 * reducing with evolve.
 */
export function foldChainEvents(state: ChainState, events: readonly ChainEvent[]): ChainState {
  const live: Record<string, ChainTransferObserved['data']> = { ...state.live };
  let current: ChainState = { ...state, live };
  for (const event of events) {
    if (event.type === 'ChainTransferObserved') live[keyOf(event.data)] = event.data;
    else if (event.type === 'ChainTransferReverted') delete live[keyOf(event.data)];
    else current = evolve(current, event); // evolve leaves the live transfers of other events as they are
    current = withRef(current, event.data);
  }
  return current;
}

export const chainDecider: Decider<ChainCommand, ChainEvent, ChainState> = {
  decide,
  evolve,
  initialState: () => ({ anchors: [], live: {} }),
};
