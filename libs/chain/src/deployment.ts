/** One token deployment the watcher follows: which asset it carries, where, and how carefully. */
export interface WatchedDeployment {
  readonly assetId: string;
  readonly chainId: number;
  readonly rpcUrl: string;
  /** Lower-case 0x address. */
  readonly contractAddress: `0x${string}`;
  readonly decimals: number;
  /** First block to scan (the deployment block): nothing before it can hold a Transfer of this token. */
  readonly startBlock: number;
  /** Blocks a block must have on top of it before its logs count; a reorg shallower than this is never seen. */
  readonly confirmations: number;
  /**
   * Blocks of the first eth_getLogs request. Later ranges adapt: halved when the node refuses one
   * (too wide, too many results), doubled while the logs are sparse, up to `maxBatchBlocks`.
   */
  readonly batchBlocks: number;
  /** The widest eth_getLogs range asked for (default 50,000 blocks, never less than batchBlocks). */
  readonly maxBatchBlocks?: number;
  /**
   * The most blocks re-read after a reorg (cursor minus fork; default 100,000). A reorg that would
   * re-read more stops the watcher (exit 2, `UnrecoverableReorgError`) for an operator to look at:
   * that deep, it is more likely an RPC URL now serving another history than a reorg. Keep it above
   * twice maxBatchBlocks: while catching up, the fork of even a shallow reorg is the end of the range
   * before, up to a range's width below the cursor.
   */
  readonly maxReorgDepth?: number;
  /** The token rebases and emits MultiplierUpdated(uint256) (Backed's fee-bearing tokens). */
  readonly rebasing: boolean;
}

/** See WatchedDeployment.maxReorgDepth: two of the widest ranges, far below any history an RPC URL could swap in unnoticed. */
export const DEFAULT_MAX_REORG_DEPTH = 100_000;
