import { ObservedMultiplier, ObservedTransfer } from '@recon/domain';
import { MULTIPLIER_EVENT, TOKEN_ABI, TRANSFER_EVENT, ZERO_ADDRESS } from './abi';
import { WatchedDeployment } from './deployment';
import { isRangeRefusal, RangeRefusedError, suggestedRange } from './log-ranges';
import { chainClient, SupplyReads } from './multicall';
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
  /** Every log the node returned (holder transfers included): what the answer's size depends on. */
  readonly logCount: number;
}

export interface ReaderOptions {
  readonly retry?: RetryPolicy;
  /** Per request; a request slower than this is a time-out, and retried. */
  readonly timeoutMs?: number;
  readonly onRetry?: (what: string, attempt: number, error: unknown) => void;
  /** `totalSupply()` reads shared by the watchers of one chain (one Multicall3 call for several); each reader has its own otherwise. */
  readonly supplyReads?: SupplyReads;
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
  private readonly supplyReads: SupplyReads;

  constructor(private readonly deployment: WatchedDeployment, private readonly options: ReaderOptions = {}) {
    this.client = chainClient(deployment.rpcUrl, options.timeoutMs);
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.supplyReads = options.supplyReads ?? new SupplyReads(this.client);
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

  /** The header of a block the chain has; undefined above its head, where a reorg to a shorter branch leaves recorded blocks. */
  async minedBlock(blockNumber: number): Promise<BlockHeader | undefined> {
    try {
      return await this.block(blockNumber);
    } catch (error) {
      if (error instanceof viem.BlockNotFoundError) return undefined;
      throw error;
    }
  }

  /** The contract's code at the latest block, or at `blockNumber`. */
  async code(blockNumber?: number): Promise<string | undefined> {
    const at = blockNumber === undefined ? {} : { blockNumber: BigInt(blockNumber) };
    return this.call(`eth_getCode${blockNumber === undefined ? '' : ` at ${blockNumber}`}`, () => this.client.getCode({ address: this.deployment.contractAddress, ...at }));
  }

  async decimals(): Promise<number> {
    return this.call('decimals()', () => this.client.readContract({ address: this.deployment.contractAddress, abi: TOKEN_ABI, functionName: 'decimals' }));
  }

  async totalSupply(blockNumber: number): Promise<bigint> {
    try {
      return await this.call(`totalSupply() at ${blockNumber}`, () => this.supplyReads.read(this.deployment.contractAddress, blockNumber));
    } catch (error) {
      if (!(error instanceof viem.ContractFunctionExecutionError)) throw error;
      throw new Error(`chain ${this.deployment.chainId}: totalSupply() at block ${blockNumber} returned nothing: is the start block (${this.deployment.startBlock}) before the contract was deployed?`, { cause: error });
    }
  }

  private async getLogs<T>(what: string, from: number, to: number, run: () => Promise<T>): Promise<T> {
    try {
      return await this.call(`eth_getLogs ${what} ${from}..${to}`, run);
    } catch (error) {
      if (!isRangeRefusal(error)) throw error;
      const message = [error, (error as { cause?: unknown }).cause].map((e) => `${(e as Error)?.message ?? ''} ${(e as { details?: string })?.details ?? ''}`).join(' ');
      throw new RangeRefusedError(from, to, suggestedRange(message)?.to, { cause: error });
    }
  }

  /**
   * Mints, burns and multiplier updates in `from..to`, each with its block's hash and time. A log
   * whose block hash differs from the block read for its number means the chain moved under the
   * scan: ChainMovedError, and the caller starts over from its cursor. `recheckHeader`, a header read
   * before or alongside the logs, is read again alongside the log blocks' headers and must not have changed either. A
   * node that refuses the range (too wide, too many results) gives RangeRefusedError.
   */
  async range(from: number, to: number, recheckHeader?: BlockHeader | Promise<BlockHeader>): Promise<ScannedRange> {
    const address = this.deployment.contractAddress;
    const span = { fromBlock: BigInt(from), toBlock: BigInt(to) };
    const [transferLogs, multiplierLogs] = await Promise.all([
      this.getLogs('Transfer', from, to, () => this.client.getLogs({ address, event: TRANSFER_EVENT, ...span, strict: true })),
      this.deployment.rebasing ? this.getLogs('MultiplierUpdated', from, to, () => this.client.getLogs({ address, event: MULTIPLIER_EVENT, ...span, strict: true })) : Promise.resolve([]),
    ]);
    const recheck = await recheckHeader;
    const mintsAndBurns = transferLogs.filter((log) => (log.args.from === ZERO_ADDRESS) !== (log.args.to === ZERO_ADDRESS) && log.args.value > 0n);
    // The headers are asked for at once: the transport sends them as one JSON-RPC batch.
    const numbers = [...new Set([...mintsAndBurns, ...multiplierLogs].map((log) => Number(log.blockNumber)))];
    const [read, again] = await Promise.all([Promise.all(numbers.map((n) => this.block(n))), recheck ? this.block(recheck.blockNumber) : undefined]);
    if (recheck && again!.blockHash !== recheck.blockHash) throw new ChainMovedError(`block ${recheck.blockNumber} changed during the scan`);
    const headers = new Map(read.map((header) => [header.blockNumber, header]));
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
      logCount: transferLogs.length + multiplierLogs.length,
    };
  }
}
