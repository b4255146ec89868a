import { admitChainScan } from '@recon/command-execution';
import { ChainCommand, chainDecider, chainEventId, ChainEvent, ChainState, chainStream, currentSchemaVersion, foldChainEvents, upcast } from '@recon/domain';
import { EventStore, NewEvent } from '@recon/event-store';
import { ChainMovedError, ChainReader, ReaderOptions } from './chain-reader';
import { WatchedDeployment } from './deployment';
import { checkDeployment } from './start-up-check';

export interface ScanProgress {
  /** The cursor after this step: every block up to it is recorded. */
  readonly cursor: number | undefined;
  /** The confirmed head: the highest block with enough confirmations. */
  readonly confirmedHead: number;
  readonly caughtUp: boolean;
  readonly appended: number;
  /** Blocks found orphaned and reverted in this step. */
  readonly reverted: number;
}

export interface WatcherOptions extends ReaderOptions {
  /** The clock of commands (the decider reads none). */
  readonly now?: () => string;
  readonly pollIntervalMs?: number;
  readonly log?: (message: string) => void;
}

/**
 * Follows one deployment: scans confirmed blocks in bounded ranges, appends what it finds to the
 * deployment's chain stream, and reverts what a reorg orphaned. The stream is the cursor: state is
 * folded from it at start and after any failed append, so a crash or a retried append can never
 * skip or count a block twice (the decider refuses a range that does not follow the cursor).
 */
export class ChainWatcher {
  readonly reader: ChainReader;
  readonly streamId: string;
  private state: ChainState = chainDecider.initialState();
  private version = -1;
  private stopped = false;

  constructor(readonly deployment: WatchedDeployment, private readonly store: EventStore, private readonly options: WatcherOptions = {}) {
    this.reader = new ChainReader(deployment, options);
    this.streamId = chainStream(deployment.chainId, deployment.contractAddress);
  }

  /** Checks the configuration against the chain and loads the cursor. */
  async start(): Promise<void> {
    await checkDeployment(this.reader, this.deployment);
    await this.load();
  }

  get cursor(): number | undefined {
    return this.state.cursor?.blockNumber;
  }

  private async load(): Promise<void> {
    const recorded = await this.store.readStream(this.streamId);
    this.state = foldChainEvents(chainDecider.initialState(), recorded.map((e) => upcast(e.type, e.schemaVersion, e.data) as ChainEvent));
    this.version = recorded.length - 1;
  }

  private async execute(command: ChainCommand): Promise<number> {
    const events = chainDecider.decide(command, this.state);
    if (events.length === 0) return 0;
    const scanId = `${this.streamId}:${chainEventId(events.at(-1)!)}`;
    const sourceDocument = `chain:${this.deployment.chainId}:${this.deployment.contractAddress}`;
    const corrections = await admitChainScan(this.store, { streamId: this.streamId, scanId, events, now: command.metadata.now, actor: 'chain-watcher', sourceDocument });
    const toAppend: NewEvent[] = events.map((event) => {
      const businessTime = 'blockTime' in event.data ? event.data.blockTime : undefined;
      const correctionOf = businessTime === undefined ? undefined : corrections.get(businessTime);
      return {
        eventId: chainEventId(event), type: event.type, schemaVersion: currentSchemaVersion(event.type), data: event.data,
        metadata: { actor: 'chain-watcher', sourceDocument, ...(businessTime ? { businessTime } : {}), ...(correctionOf ? { correctionOf } : {}) },
      };
    });
    try {
      const result = await this.store.appendToStream(this.streamId, toAppend, this.version);
      this.version = result.nextExpectedVersion;
      this.state = foldChainEvents(this.state, events);
      return result.idempotent ? 0 : events.length;
    } catch (error) {
      await this.load(); // whatever was committed is in the stream: the next step starts from there
      throw error;
    }
  }

  private command(type: 'RevertOrphanedBlocks', data: Omit<Extract<ChainCommand, { type: 'RevertOrphanedBlocks' }>['data'], 'assetId' | 'chainId' | 'contractAddress'>): ChainCommand;
  private command(type: 'RecordChainScan', data: Omit<Extract<ChainCommand, { type: 'RecordChainScan' }>['data'], 'assetId' | 'chainId' | 'contractAddress'>): ChainCommand;
  private command(type: ChainCommand['type'], data: object): ChainCommand {
    const { assetId, chainId, contractAddress } = this.deployment;
    return { type, data: { assetId, chainId, contractAddress, ...data }, metadata: { now: this.options.now?.() ?? new Date().toISOString(), actor: 'chain-watcher' } } as ChainCommand;
  }

  /**
   * The cursor's block still has the recorded hash, or the chain reorganized under it: then the
   * fork is the newest recorded position whose hash the chain still has, and everything above it
   * is reverted. Returns the number of orphaned positions.
   */
  private async revertOrphaned(): Promise<number> {
    const cursor = this.state.cursor;
    if (!cursor || (await this.reader.block(cursor.blockNumber)).blockHash === cursor.blockHash) return 0;
    for (const anchor of [...this.state.anchors].reverse()) {
      if ((await this.reader.block(anchor.blockNumber)).blockHash !== anchor.blockHash) continue;
      const orphaned = this.state.anchors.filter((a) => a.blockNumber > anchor.blockNumber).length;
      this.options.log?.(`chain ${this.deployment.chainId}: reorg below block ${cursor.blockNumber}, forked after block ${anchor.blockNumber}`);
      await this.execute(this.command('RevertOrphanedBlocks', { forkBlock: anchor }));
      return orphaned;
    }
    throw new Error(`chain ${this.deployment.chainId}: reorg deeper than every recorded position (oldest block ${this.state.anchors[0]?.blockNumber}): rebuild the stream ${this.streamId} from the start block`);
  }

  /** One step: revert orphaned blocks, or record the next confirmed range. */
  async step(): Promise<ScanProgress> {
    const reverted = await this.revertOrphaned();
    const confirmedHead = (await this.reader.head()) - this.deployment.confirmations;
    const from = this.state.cursor ? this.state.cursor.blockNumber + 1 : this.deployment.startBlock;
    if (reverted > 0 || from > confirmedHead) return { cursor: this.cursor, confirmedHead, caughtUp: reverted === 0, appended: 0, reverted };
    const to = Math.min(from + this.deployment.batchBlocks - 1, confirmedHead);
    const { transfers, multiplierUpdates } = await this.reader.range(from, to);
    const toBlock = await this.reader.block(to);
    const totalSupply = await this.reader.totalSupply(to);
    // The range was read over several requests: if the end block changed meanwhile, start over.
    if ((await this.reader.block(to)).blockHash !== toBlock.blockHash) throw new ChainMovedError(`block ${to} changed during the scan`);
    const appended = await this.execute(this.command('RecordChainScan', { fromBlock: from, toBlock, transfers, multiplierUpdates, totalSupply: totalSupply.toString() }));
    return { cursor: this.cursor, confirmedHead, caughtUp: to === confirmedHead, appended, reverted: 0 };
  }

  /** Steps until the confirmed head is reached. ChainMovedError (a reorg while reading) just steps again. */
  async catchUp(): Promise<ScanProgress> {
    for (;;) {
      try {
        const progress = await this.step();
        if (progress.caughtUp || this.stopped) return progress;
      } catch (error) {
        if (!(error instanceof ChainMovedError)) throw error;
        this.options.log?.(`chain ${this.deployment.chainId}: ${error.message}; scanning again`);
      }
    }
  }

  /** Catches up, waits, and again, until stop(). */
  async run(): Promise<void> {
    while (!this.stopped) {
      // A fault that outlasted the retries (a node down for long) waits for the next poll: the cursor is safe in the stream.
      await this.catchUp().catch((error: Error) => this.options.log?.(`chain ${this.deployment.chainId}: ${error.message.split('\n')[0]}`));
      await new Promise((resolve) => setTimeout(resolve, this.options.pollIntervalMs ?? 2_000));
    }
  }

  stop(): void {
    this.stopped = true;
  }
}
