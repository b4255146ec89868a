import { evmAddress } from '../shared/guards';
import { streamName } from '../shared/stream';
import { ChainEvent } from './events';

/** One stream per watched deployment: its order is the order the watcher scanned the chain in. */
export const chainStream = (chainId: number, contractAddress: string): string => streamName('chain', String(chainId), evmAddress(contractAddress, 'contractAddress'));

/**
 * Deterministic event ids, so a scan appended twice (a retry after a time-out whose append did
 * commit) is a no-op in the store. A transfer is named by chain, tx hash and log index, plus the
 * block hash: after a reorg the same transaction may land in another block, and that observation
 * is a new fact, not a repeat of the reverted one.
 */
export function chainEventId(event: ChainEvent): string {
  const d = event.data;
  switch (event.type) {
    case 'ChainTransferObserved':
      return `transfer:${d.chainId}:${event.data.txHash}:${event.data.logIndex}:${event.data.blockHash}`;
    case 'ChainTransferReverted':
      return `transfer-reverted:${d.chainId}:${event.data.txHash}:${event.data.logIndex}:${event.data.blockHash}`;
    case 'ChainMultiplierObserved':
      return `multiplier:${d.chainId}:${event.data.txHash}:${event.data.logIndex}:${event.data.blockHash}`;
    case 'TotalSupplyRead':
      return `total-supply:${d.chainId}:${d.contractAddress}:${event.data.blockNumber}:${event.data.blockHash}`;
    case 'ChainReorgDetected':
      return `reorg:${d.chainId}:${d.contractAddress}:${event.data.forkBlockHash}:${event.data.orphanedBlocks[0]?.blockHash ?? 'none'}`;
  }
}
