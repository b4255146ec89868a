import { DomainEvent } from '../shared/event';

/**
 * What the chain watcher observes on one token deployment (asset, chain, contract), past the
 * confirmation depth. Amounts are token base units (uint256 decimal strings), hashes and addresses
 * lower-case 0x hex, block times the block's timestamp (business time of the fact).
 */
export interface ChainRef {
  assetId: string;
  chainId: number;
  contractAddress: string;
}

export interface BlockRef {
  blockNumber: number;
  blockHash: string;
  blockTime: string;
}

export type TransferDirection = 'mint' | 'burn';

/** A Transfer from (mint) or to (burn) the zero address, whether or not a request is known for it. */
export type ChainTransferObserved = DomainEvent<'ChainTransferObserved', ChainRef & BlockRef & {
  direction: TransferDirection;
  txHash: string;
  logIndex: number;
  amount: string;
}>;

/** Compensates a ChainTransferObserved whose block was orphaned by a reorg: the chain no longer has it. */
export type ChainTransferReverted = DomainEvent<'ChainTransferReverted', ChainRef & {
  direction: TransferDirection;
  txHash: string;
  logIndex: number;
  amount: string;
  blockNumber: number;
  blockHash: string;
}>;

/** `MultiplierUpdated(uint256)` of a rebasing token; `multiplier` as a decimal at MULTIPLIER_SCALE (1e18 on chain = "1"). */
export type ChainMultiplierObserved = DomainEvent<'ChainMultiplierObserved', ChainRef & BlockRef & {
  txHash: string;
  logIndex: number;
  multiplier: string;
}>;

/**
 * `totalSupply()` read at the last block of a scan. It is also the watcher's cursor: every block up
 * to this one has been scanned, and its hash is what a later scan checks to detect a reorg.
 */
export type TotalSupplyRead = DomainEvent<'TotalSupplyRead', ChainRef & BlockRef & { amount: string }>;

/**
 * Blocks recorded earlier are no longer on the canonical chain. The scan resumes after `forkBlock`
 * (the highest recorded block still canonical, or the block before the start block when none is any
 * more); readings and multiplier updates above it no longer count, and each transfer above it has its
 * own ChainTransferReverted in the same append.
 */
export type ChainReorgDetected = DomainEvent<'ChainReorgDetected', ChainRef & {
  forkBlockNumber: number;
  forkBlockHash: string;
  /** The fork block's time: the chain's figures are as of it until the next scan. Absent on reorgs recorded before it was kept. */
  forkBlockTime?: string;
  /** Recorded blocks (cursor positions) above the fork, whose hashes the chain no longer has. */
  orphanedBlocks: { blockNumber: number; blockHash: string }[];
}>;

export type ChainEvent = ChainTransferObserved | ChainTransferReverted | ChainMultiplierObserved | TotalSupplyRead | ChainReorgDetected;

export const CHAIN_EVENT_TYPES = ['ChainTransferObserved', 'ChainTransferReverted', 'ChainMultiplierObserved', 'TotalSupplyRead', 'ChainReorgDetected'] as const satisfies readonly ChainEvent['type'][];
