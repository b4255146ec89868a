import { ObservedMultiplier, ObservedTransfer } from '@recon/domain';
import { MULTIPLIER_EVENT, TOKEN_ABI, TRANSFER_EVENT, ZERO_ADDRESS } from './abi';
import { WatchedDeployment } from './deployment';
import { DEFAULT_RETRY, RetryPolicy, withRetry } from './retry';
import { viem, Viem } from './viem';

export interface BlockHeader {
  readonly blockNumber: number;
  readonly blockHash: string;
  readonly blockTime: string;
}

export interface ScannedRange {
  readonly transfers: ObservedTransfer[];
  readonly multiplierUpdates: ObservedMultiplier[];
}

export interface ReaderOptions {
  readonly retry?: RetryPolicy;
  /** Per request; a request slower than this is a time-out, and retried. */
  readonly timeoutMs?: number;
  readonly onRetry?: (what: string, attempt: number, error: unknown) => void;
}

/** Thrown when a log's block hash is not the block read for it: a reorg happened while the range was read. */
export class ChainMovedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChainMovedError';
  }
}

const iso = (seconds: bigint) => new Date(Number(seconds) * 1000).toISOString();

/**
 * Everything the watcher asks a node, through viem, each call retried with backoff on transient
 * faults. viem's own retry is off (retryCount 0) so there is exactly one retry policy to reason about.
 */
export class ChainReader {
  readonly client: Viem.PublicClient;
  private readonly retry: RetryPolicy;

  constructor(private readonly deployment: WatchedDeployment, private readonly options: ReaderOptions = {}) {
    this.client = viem.createPublicClient({ transport: viem.http(deployment.rpcUrl, { retryCount: 0, timeout: options.timeoutMs ?? 10_000 }) });
    this.retry = options.retry ?? DEFAULT_RETRY;
  }

  private call<T>(what: string, run: () => Promise<T>): Promise<T> {
    return withRetry(`chain ${this.deployment.chainId} ${what}`, run, this.retry, (attempt, error) => this.options.onRetry?.(what, attempt, error));
  }

  chainId(): Promise<number> {
    return this.call('eth_chainId', () => this.client.getChainId());
  }

  async head(): Promise<number> {
    return Number(await this.call('eth_blockNumber', () => this.client.getBlockNumber({ cacheTime: 0 })));
  }

  async block(blockNumber: number): Promise<BlockHeader> {
    const block = await this.call(`eth_getBlockByNumber ${blockNumber}`, () => this.client.getBlock({ blockNumber: BigInt(blockNumber) }));
    return { blockNumber, blockHash: block.hash, blockTime: iso(block.timestamp) };
  }

  async code(): Promise<string | undefined> {
    return this.call('eth_getCode', () => this.client.getCode({ address: this.deployment.contractAddress }));
  }

  async decimals(): Promise<number> {
    return this.call('decimals()', () => this.client.readContract({ address: this.deployment.contractAddress, abi: TOKEN_ABI, functionName: 'decimals' }));
  }

  async totalSupply(blockNumber: number): Promise<bigint> {
    try {
      return await this.call(`totalSupply() at ${blockNumber}`, () =>
        this.client.readContract({ address: this.deployment.contractAddress, abi: TOKEN_ABI, functionName: 'totalSupply', blockNumber: BigInt(blockNumber) }));
    } catch (error) {
      if (!(error instanceof viem.ContractFunctionExecutionError)) throw error;
      throw new Error(`chain ${this.deployment.chainId}: totalSupply() at block ${blockNumber} returned nothing: is the start block (${this.deployment.startBlock}) before the contract was deployed?`, { cause: error });
    }
  }

  /**
   * Mints, burns and multiplier updates in `from..to`, each with its block's hash and time. A log
   * whose block hash differs from the block read for its number means the chain moved under the
   * scan: ChainMovedError, and the caller starts over from its cursor.
   */
  async range(from: number, to: number): Promise<ScannedRange> {
    const address = this.deployment.contractAddress;
    const span = { fromBlock: BigInt(from), toBlock: BigInt(to) };
    const transferLogs = await this.call(`eth_getLogs Transfer ${from}..${to}`, () => this.client.getLogs({ address, event: TRANSFER_EVENT, ...span, strict: true }));
    const multiplierLogs = this.deployment.rebasing
      ? await this.call(`eth_getLogs MultiplierUpdated ${from}..${to}`, () => this.client.getLogs({ address, event: MULTIPLIER_EVENT, ...span, strict: true }))
      : [];
    const mintsAndBurns = transferLogs.filter((log) => (log.args.from === ZERO_ADDRESS) !== (log.args.to === ZERO_ADDRESS) && log.args.value > 0n);
    const headers = new Map<number, BlockHeader>();
    for (const n of new Set([...mintsAndBurns, ...multiplierLogs].map((log) => Number(log.blockNumber)))) headers.set(n, await this.block(n));
    const headerOf = (log: { blockNumber: bigint; blockHash: string }): BlockHeader => {
      const header = headers.get(Number(log.blockNumber))!;
      if (header.blockHash !== log.blockHash) throw new ChainMovedError(`block ${log.blockNumber} is ${header.blockHash} now, the log said ${log.blockHash}`);
      return header;
    };
    return {
      transfers: mintsAndBurns.map((log) => ({
        ...headerOf(log), direction: log.args.from === ZERO_ADDRESS ? 'mint' : 'burn', txHash: log.transactionHash, logIndex: log.logIndex, amount: log.args.value.toString(),
      })),
      multiplierUpdates: multiplierLogs.map((log) => ({ ...headerOf(log), txHash: log.transactionHash, logIndex: log.logIndex, value: log.args.value.toString() })),
    };
  }
}
