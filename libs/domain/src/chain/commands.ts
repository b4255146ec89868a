import { DomainCommand } from '../shared/event';
import { BlockRef, ChainRef, TransferDirection } from './events';

export interface ObservedTransfer extends BlockRef {
  direction: TransferDirection;
  txHash: string;
  logIndex: number;
  amount: string;
}

export interface ObservedMultiplier extends BlockRef {
  txHash: string;
  logIndex: number;
  /** The raw uint256 from the log: 1e18 means one. */
  value: string;
}

/** One scanned range, `fromBlock` to `toBlock` inclusive, with everything found in it and `totalSupply()` at its end. */
export type RecordChainScan = DomainCommand<'RecordChainScan', ChainRef & {
  fromBlock: number;
  toBlock: BlockRef;
  transfers: ObservedTransfer[];
  multiplierUpdates: ObservedMultiplier[];
  totalSupply: string;
}>;

/**
 * The watcher found that recorded blocks above `forkBlock` are no longer canonical. `forkBlock` is the
 * highest recorded position the chain still has, or the block before the start block when none is.
 */
export type RevertOrphanedBlocks = DomainCommand<'RevertOrphanedBlocks', ChainRef & {
  forkBlock: BlockRef;
}>;

export type ChainCommand = RecordChainScan | RevertOrphanedBlocks;
