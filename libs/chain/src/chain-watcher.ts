import { admitChainScan } from '@recon/command-execution';
import { ChainCommand, chainDecider, chainEventId, ChainEvent, ChainState, chainStream, currentSchemaVersion, foldChainEvents, recordedPositions, upcast } from '@recon/domain';
import { EventStore, NewEvent } from '@recon/event-store';
import { BlockHeader, ChainMovedError, ChainReader, ReaderOptions } from './chain-reader';
import { beforeStartBlock, highestCanonical, resyncCommand, UnrecoverableReorgError } from './deep-fork';
import { DEFAULT_MAX_REORG_DEPTH, WatchedDeployment } from './deployment';
import { LogRangeSize, RangeRefusedError } from './log-ranges';
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

export const DEFAULT_MAX_BATCH_BLOCKS = 50_000;
/** A range that returned fewer logs than this is sparse: the next one is twice as wide. */
export const SPARSE_LOGS = 1_000;

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
  /** The size of the next eth_getLogs range. */
  readonly ranges: LogRangeSize;
  /** The confirmed head last read: while a range ends below it, the head is not asked for again. */
  private knownConfirmedHead?: number;

  constructor(readonly deployment: WatchedDeployment, private readonly store: EventStore, private readonly options: WatcherOptions = {}) {
    this.reader = new ChainReader(deployment, options);
    this.streamId = chainStream(deployment.chainId, deployment.contractAddress);
    this.ranges = new LogRangeSize({ initial: deployment.batchBlocks, max: Math.max(deployment.batchBlocks, deployment.maxBatchBlocks ?? DEFAULT_MAX_BATCH_BLOCKS), sparseLogs: SPARSE_LOGS });
  }

  get isStopped(): boolean {
    return this.stopped;
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
   * fork is the newest kept anchor whose hash the chain still has, else (a reorg deeper than every
   * anchor) the highest canonical position of the whole stream, else the block before the start
   * block, and everything recorded above the fork is reverted in one append. A re-read deeper than
   * `maxDepth` blocks is left to an operator (UnrecoverableReorgError). Returns the number of
   * orphaned positions, 0 when nothing was.
   */
  private async revertOrphaned(cursorHeader?: Promise<BlockHeader | undefined>, maxDepth = this.deployment.maxReorgDepth ?? DEFAULT_MAX_REORG_DEPTH): Promise<number> {
    const cursor = this.state.cursor;
    if (!cursor || (await (cursorHeader ?? this.reader.minedBlock(cursor.blockNumber)))?.blockHash === cursor.blockHash) return 0;
    this.knownConfirmedHead = undefined;
    const fork = (await this.anchorFork()) ?? (await this.deepFork());
    const depth = cursor.blockNumber - fork.blockNumber;
    if (depth > maxDepth) {
      throw new UnrecoverableReorgError(`chain ${this.deployment.chainId} (${this.deployment.assetId}) ${this.deployment.contractAddress}: a reorg below block ${cursor.blockNumber} forked after block ${fork.blockNumber}, ${depth} blocks to read again, more than maxReorgDepth (${maxDepth}): check that the RPC URL serves the chain expected, then run ${resyncCommand(this.deployment)}`);
    }
    // The cursor is orphaned too, and is no anchor when it sits at the fork of an earlier reorg.
    const orphaned = new Set([...this.state.anchors, cursor].filter((a) => a.blockNumber > fork.blockNumber).map((a) => a.blockNumber)).size;
    this.options.log?.(`chain ${this.deployment.chainId}: reorg below block ${cursor.blockNumber}, forked after block ${fork.blockNumber}`);
    await this.execute(this.command('RevertOrphanedBlocks', { forkBlock: fork }));
    return orphaned;
  }

  /**
   * The newest kept anchor the chain still has, read newest first: a shallow reorg costs a header or
   * two. The oldest is read first, so a reorg deeper than all of them costs one read here, not 128.
   */
  private async anchorFork(): Promise<BlockHeader | undefined> {
    const [oldest] = this.state.anchors;
    if (!oldest || (await this.reader.minedBlock(oldest.blockNumber))?.blockHash !== oldest.blockHash) return undefined;
    for (const anchor of [...this.state.anchors].reverse()) {
      const header = await this.reader.minedBlock(anchor.blockNumber);
      if (header?.blockHash === anchor.blockHash) return header;
    }
    return undefined;
  }

  /** Deeper than every anchor: the whole stream's positions are searched, or the deployment is read again from its start block. */
  private async deepFork(): Promise<BlockHeader> {
    const events = (await this.store.readStream(this.streamId)).map((e) => upcast(e.type, e.schemaVersion, e.data) as ChainEvent);
    const fork = (await highestCanonical(this.reader, recordedPositions(events))) ?? (await beforeStartBlock(this.reader, this.deployment));
    this.options.log?.(`chain ${this.deployment.chainId}: reorg deeper than the last ${this.state.anchors.length} scans; reading again from block ${fork.blockNumber + 1}`);
    return fork;
  }

  /**
   * `recon chain resync`: checks the deployment, and recovers from a reorg however deep (no
   * maxReorgDepth), as the watcher would. Undefined when the cursor is canonical: nothing to do.
   */
  async resync(): Promise<{ fork: number; revertedTransfers: number } | undefined> {
    await this.start();
    const live = Object.keys(this.state.live).length;
    if ((await this.revertOrphaned(undefined, Number.POSITIVE_INFINITY)) === 0) return undefined;
    return { fork: this.cursor!, revertedTransfers: live - Object.keys(this.state.live).length };
  }

  /**
   * One step: revert orphaned blocks, or record the next confirmed range. The requests of a step go
   * out together (the transport batches them): the cursor block's hash (the reorg check), the logs,
   * the end block and its totalSupply(); then the log blocks' headers with the end block again. The
   * head is read only when the range would pass the confirmed head read before. Ranges end on
   * multiples of their size, so watchers of one chain scanning alike ask for totalSupply() at the
   * same blocks and share a multicall. A range the node refuses is not an error: the step records
   * nothing and the next one asks for a smaller range.
   */
  async step(): Promise<ScanProgress> {
    try {
      return await this.scan();
    } catch (error) {
      this.knownConfirmedHead = undefined;
      throw error;
    }
  }

  private async scan(): Promise<ScanProgress> {
    const cursor = this.state.cursor;
    const cursorHeader = cursor ? this.reader.minedBlock(cursor.blockNumber) : undefined;
    cursorHeader?.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
    const from = cursor ? cursor.blockNumber + 1 : this.deployment.startBlock;
    const size = this.ranges.blocks;
    const alignedTo = (Math.floor(from / size) + 1) * size - 1;
    let confirmedHead = this.knownConfirmedHead;
    if (confirmedHead === undefined || alignedTo > confirmedHead) {
      confirmedHead = (await this.reader.head()) - this.deployment.confirmations;
      this.knownConfirmedHead = confirmedHead;
    }
    if (from > confirmedHead) {
      const reverted = await this.revertOrphaned(cursorHeader);
      return { cursor: this.cursor, confirmedHead, caughtUp: reverted === 0, appended: 0, reverted };
    }
    const to = Math.min(alignedTo, confirmedHead);
    const toBlock = this.reader.block(to);
    const totalSupply = this.reader.totalSupply(to);
    toBlock.catch(() => undefined);
    totalSupply.catch(() => undefined);
    let scanned;
    try {
      // The end block's header is read alongside the logs and again with the logs' headers: if it changed meanwhile, start over.
      scanned = await this.reader.range(from, to, toBlock);
    } catch (error) {
      await Promise.allSettled([toBlock, totalSupply, cursorHeader]);
      if (!(error instanceof RangeRefusedError)) throw error;
      this.ranges.refused(error);
      this.options.log?.(`chain ${this.deployment.chainId}: ${error.message}; asking for ${this.ranges.blocks} blocks`);
      return { cursor: this.cursor, confirmedHead, caughtUp: false, appended: 0, reverted: 0 };
    }
    // The cursor's block was replaced while the range was read: what was read may build on orphaned blocks.
    const reverted = await this.revertOrphaned(cursorHeader);
    if (reverted > 0) return { cursor: this.cursor, confirmedHead, caughtUp: false, appended: 0, reverted };
    const { transfers, multiplierUpdates, logCount } = scanned;
    const appended = await this.execute(this.command('RecordChainScan', { fromBlock: from, toBlock: await toBlock, transfers, multiplierUpdates, totalSupply: (await totalSupply).toString() }));
    this.ranges.answered(to - from + 1, logCount);
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

  /** Catches up, waits, and again, until stop(). A reorg left to an operator (UnrecoverableReorgError) ends it. */
  async run(): Promise<void> {
    while (!this.stopped) {
      // A fault that outlasted the retries (a node down for long) waits for the next poll: the cursor is safe in the stream.
      await this.catchUp().catch((error: Error) => {
        if (error instanceof UnrecoverableReorgError) throw error;
        this.options.log?.(`chain ${this.deployment.chainId}: ${error.message.split('\n')[0]}`);
      });
      await new Promise((resolve) => setTimeout(resolve, this.options.pollIntervalMs ?? 2_000));
    }
  }

  stop(): void {
    this.stopped = true;
  }
}
