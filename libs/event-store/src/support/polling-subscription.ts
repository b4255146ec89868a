import { AllFilter, AllSubscription, RecordedEvent } from '../port';
import { CloseFlag, WakeSignal } from './wake-signal';

export interface PolledPage {
  /** Matching events after the checkpoint, in global order. */
  readonly events: readonly RecordedEvent[];
  /** True when the read reached the end of what is committed (the page was not full). */
  readonly caughtUp: boolean;
  /**
   * Highest position the read covered (matching or not), so that a filtered subscription does not
   * re-scan events it already skipped. Must come from the same snapshot as `events`.
   */
  readonly highWater: bigint;
}

/**
 * Catch-up subscription on top of a gap-free `readAll`: read pages after the checkpoint until
 * caught up, then sleep until woken (own appends, LISTEN/NOTIFY) or the poll interval passes.
 * Exactly-once and order follow from the checkpoint only moving forward over a gap-free order.
 */
export class PollingAllSubscription implements AllSubscription {
  private readonly closeFlag = new CloseFlag();
  private iterator?: AsyncIterator<RecordedEvent>;
  /** The page read in flight, if any: `close()` waits for it (see there). */
  private reading?: Promise<unknown>;

  constructor(
    private readonly readPage: (after: bigint) => Promise<PolledPage>,
    private readonly signal: WakeSignal,
    private readonly after: bigint,
    private readonly pollIntervalMs: number,
    private readonly onClose: (s: PollingAllSubscription) => void,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    // One consumer per subscription: a second `for await` continues the same sequence.
    this.iterator ??= this.iterate();
    return this.iterator;
  }

  /**
   * Stops the iteration and resolves once no page read is in flight, so that the store may end its
   * connection pool right after: a query still queued for a connection when the pool ends would
   * never settle, and the iteration waiting on it would never finish.
   */
  async close(): Promise<void> {
    if (!this.closeFlag.aborted) {
      this.closeFlag.close();
      this.onClose(this);
    }
    await this.reading?.catch(() => undefined);
  }

  private async *iterate(): AsyncGenerator<RecordedEvent> {
    let checkpoint = this.after;
    try {
      while (!this.closeFlag.aborted) {
        const seen = this.signal.version;
        const reading = this.readPage(checkpoint);
        this.reading = reading;
        const page = await reading.finally(() => (this.reading = undefined));
        for (const event of page.events) {
          if (this.closeFlag.aborted) return;
          checkpoint = event.globalPosition;
          yield event;
        }
        if (page.highWater > checkpoint) checkpoint = page.highWater;
        if (page.caughtUp) await this.signal.wait(seen, this.pollIntervalMs, this.closeFlag);
      }
    } finally {
      await this.close();
    }
  }
}

export function matchesFilter(event: Pick<RecordedEvent, 'streamId' | 'type'>, filter?: AllFilter): boolean {
  if (!filter) return true;
  if (filter.streamPrefixes && !filter.streamPrefixes.some((p) => event.streamId.startsWith(p))) return false;
  if (filter.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  return true;
}
