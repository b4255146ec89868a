import { EventStore } from '@recon/event-store';
import { ChainMovedError } from './chain-reader';
import { ChainWatcher, WatcherOptions } from './chain-watcher';
import { UnrecoverableReorgError } from './deep-fork';
import { WatchedDeployment } from './deployment';
import { chainClient, SupplyReads } from './multicall';

export interface PoolOptions extends WatcherOptions {
  /** Deployments scanned at once (default 4): bounds the requests in flight against the nodes and the store. */
  readonly concurrency?: number;
}

/**
 * Several deployments followed together with a bounded pool: at most `concurrency` scan steps run at
 * once, taken in turn from every deployment not yet at its confirmed head, so a deployment far
 * behind does not hold up the others. The watchers of one chain (same chain id and RPC URL) share
 * their totalSupply() reads, which go out as one Multicall3 call where the chain has it.
 */
export class ChainWatcherPool {
  readonly watchers: ChainWatcher[];
  readonly supplyReads = new Map<string, SupplyReads>();
  private stopped = false;
  private readonly concurrency: number;

  constructor(deployments: readonly WatchedDeployment[], store: EventStore, private readonly options: PoolOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.watchers = deployments.map((d) => {
      const key = `${d.chainId} ${d.rpcUrl}`;
      if (!this.supplyReads.has(key)) this.supplyReads.set(key, new SupplyReads(chainClient(d.rpcUrl, options.timeoutMs)));
      const onRetry = options.onRetry && ((what: string, attempt: number, error: unknown) => options.onRetry!(`chain ${d.chainId} ${d.contractAddress} ${what}`, attempt, error));
      return new ChainWatcher(d, store, { ...options, onRetry, supplyReads: this.supplyReads.get(key) });
    });
  }

  /** Runs `task` for every item with at most `concurrency` at once; once all have settled, a reorg left to an operator is thrown before any other failure. */
  private async bounded<T>(items: readonly T[], task: (item: T, requeue: () => void) => Promise<void>): Promise<void> {
    const queue = [...items];
    const failures: unknown[] = [];
    const worker = async (): Promise<void> => {
      for (let item = queue.shift(); item !== undefined && !this.stopped; item = queue.shift()) {
        const current = item;
        await task(current, () => queue.push(current)).catch((error: unknown) => void failures.push(error));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queue.length) }, worker));
    if (failures.length > 0) throw failures.find((f) => f instanceof UnrecoverableReorgError) ?? failures[0];
  }

  /** Checks every deployment against its chain and loads its cursor. */
  start(): Promise<void> {
    return this.bounded(this.watchers, (watcher) => watcher.start());
  }

  /** Steps every watcher, in turn, until each has reached its confirmed head. */
  catchUp(): Promise<void> {
    return this.bounded(this.watchers, async (watcher, requeue) => {
      try {
        if (!(await watcher.step()).caughtUp) requeue();
      } catch (error) {
        if (!(error instanceof ChainMovedError)) throw error;
        this.options.log?.(`chain ${watcher.deployment.chainId}: ${error.message}; scanning again`);
        requeue();
      }
    });
  }

  /**
   * Catches up, waits, and again, until stop(). A fault that outlasted the retries waits for the next
   * poll; a reorg left to an operator (UnrecoverableReorgError) stops every watcher and is thrown.
   */
  async run(): Promise<void> {
    while (!this.stopped) {
      await this.catchUp().catch((error: Error) => {
        if (!(error instanceof UnrecoverableReorgError)) return this.options.log?.(error.message.split('\n')[0]!);
        this.stop();
        throw error;
      });
      await new Promise((resolve) => setTimeout(resolve, this.options.pollIntervalMs ?? 2_000));
    }
  }

  stop(): void {
    this.stopped = true;
    for (const watcher of this.watchers) watcher.stop();
  }
}
