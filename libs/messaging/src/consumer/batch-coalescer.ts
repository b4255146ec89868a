/**
 * Group commit: a batch submitted while no write is in progress is written at the end of the current
 * turn of the event loop, with whatever else was submitted in it; batches submitted while a write is
 * in progress are written together by the next write. With kafkajs consuming
 * several partitions at once, the batches of one fetch thus share transactions instead of paying for
 * one each, and the busier the database, the larger the transactions grow (up to `maxSize`).
 */
export class BatchCoalescer<Batch, Outcome> {
  private queue: Array<{ batch: Batch; size: number; resolve: (outcome: Outcome) => void; reject: (error: unknown) => void }> = [];
  private writing = false;

  /**
   * @param write writes the batches in one transaction and returns one outcome per batch, in order
   * @param maxSize most items (events) per write; a single larger batch is still written, alone
   */
  constructor(
    private readonly write: (batches: Batch[]) => Promise<Outcome[]>,
    private readonly maxSize: number,
  ) {}

  /** Resolves with this batch's outcome once the write holding it has committed. */
  submit(batch: Batch, size: number): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      this.queue.push({ batch, size, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.writing || this.queue.length === 0) return;
    this.writing = true;
    // kafkajs hands the batches of one fetch (one per partition) to their handlers one after the
    // other within a turn of the event loop: waiting for the turn to end lets them share this write
    // rather than the first going alone and the rest waiting for it.
    setImmediate(() => this.take());
  }

  private take(): void {
    let size = this.queue[0]!.size;
    let count = 1;
    while (count < this.queue.length && size + this.queue[count]!.size <= this.maxSize) size += this.queue[count++]!.size;
    const taken = this.queue.splice(0, count);
    Promise.resolve()
      .then(() => this.write(taken.map((item) => item.batch))) // a write that throws at once still settles its batches
      .then(
        (outcomes) => taken.forEach((item, i) => item.resolve(outcomes[i]!)),
        (error: unknown) => taken.forEach((item) => item.reject(error)),
      )
      .finally(() => {
        this.writing = false;
        this.next();
      });
  }
}
