import { RecordedPosition } from '@recon/domain';
import { BlockHeader, ChainReader } from './chain-reader';
import { WatchedDeployment } from './deployment';

/**
 * A reorg the watcher does not recover from on its own: deeper than the deployment's maxReorgDepth,
 * or one that took the contract's deployment at the start block with it. The process stops (exit 2);
 * the message names the command that recovers once an operator has looked.
 */
export class UnrecoverableReorgError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnrecoverableReorgError';
  }
}

/** The operator's command for a deployment: `recon chain resync`, documented in docs/chain.md and docs/operations.md. */
export const resyncCommand = (d: WatchedDeployment): string => `recon chain resync --chain ${d.chainId} --contract ${d.contractAddress}`;

/**
 * The fork of a reorg deeper than the kept anchors: the highest recorded position whose hash the chain
 * still has. The positions the chain still has are a prefix of all of them (each block's hash commits
 * to its parent's), so a binary search finds it in log2(n) header reads. Undefined when none is
 * canonical any more: everything from the start block on is to be read again.
 */
export async function highestCanonical(reader: ChainReader, positions: readonly RecordedPosition[]): Promise<BlockHeader | undefined> {
  let found: BlockHeader | undefined;
  let low = 0;
  let high = positions.length - 1;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const position = positions[middle]!;
    const header = await reader.minedBlock(position.blockNumber);
    if (header?.blockHash === position.blockHash) {
      found = header;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/**
 * The block before the start block, where a re-read of the whole deployment resumes after, once the
 * contract is checked to still be deployed at the start block: if the reorg took its deployment with
 * it, the configured start block is wrong and only an operator can say which one is right.
 */
export async function beforeStartBlock(reader: ChainReader, d: WatchedDeployment): Promise<BlockHeader> {
  const at = `chain ${d.chainId} (${d.assetId}) ${d.contractAddress}`;
  if (d.startBlock === 0) throw new UnrecoverableReorgError(`${at}: a reorg replaced every recorded block and the start block is 0, and no block comes before it to resume from: set startBlock to the contract's deployment block (CHAIN_DEPLOYMENTS), then run ${resyncCommand(d)}`);
  const code = await reader.code(d.startBlock);
  if (!code || code === '0x') {
    throw new UnrecoverableReorgError(`${at}: a reorg replaced every recorded block and the contract is no longer deployed at start block ${d.startBlock}: set startBlock to the block it is deployed in now (CHAIN_DEPLOYMENTS), then run ${resyncCommand(d)}`);
  }
  return reader.block(d.startBlock - 1);
}
