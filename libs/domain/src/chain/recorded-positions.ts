import { ChainEvent } from './events';

export interface RecordedPosition {
  readonly blockNumber: number;
  readonly blockHash: string;
}

/**
 * Every block the stream recorded something at (a reading, a transfer, a multiplier update) that no
 * later reorg orphaned, oldest first, one per block. They lie on one chain, so the ones the chain still
 * has are a prefix of them (a block's hash commits to its parent's): the watcher finds the fork of a
 * reorg deeper than the kept anchors by a binary search over them, a few header reads for any history.
 */
export function recordedPositions(events: readonly ChainEvent[]): RecordedPosition[] {
  const byBlock = new Map<number, string>();
  for (const event of events) {
    switch (event.type) {
      case 'ChainTransferObserved':
      case 'ChainMultiplierObserved':
      case 'TotalSupplyRead':
        byBlock.set(event.data.blockNumber, event.data.blockHash);
        break;
      case 'ChainReorgDetected':
        for (const blockNumber of byBlock.keys()) if (blockNumber > event.data.forkBlockNumber) byBlock.delete(blockNumber);
        break;
      case 'ChainTransferReverted':
        break;
    }
  }
  return [...byBlock].map(([blockNumber, blockHash]) => ({ blockNumber, blockHash })).sort((a, b) => a.blockNumber - b.blockNumber);
}
