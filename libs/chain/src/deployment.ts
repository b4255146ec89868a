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
  /** Blocks per eth_getLogs request: nodes cap the range or the response size. */
  readonly batchBlocks: number;
  /** The token rebases and emits MultiplierUpdated(uint256) (Backed's fee-bearing tokens). */
  readonly rebasing: boolean;
}
