/**
 * A level-triggered wake-up: `notify()` bumps a counter, `wait(seen, ms)` returns at once when the
 * counter moved since `seen`, else on the next notify, on `abort`, or after `ms`. Reading the
 * counter before a read and waiting with it afterwards means no wake-up between the two is lost.
 */
export class WakeSignal {
  private counter = 0;
  private readonly waiters = new Set<() => void>();

  get version(): number {
    return this.counter;
  }

  notify(): void {
    this.counter++;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  wait(seen: number, timeoutMs: number, abort?: { readonly aborted: boolean; onAbort(cb: () => void): () => void }): Promise<void> {
    if (this.counter !== seen || abort?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        detach?.();
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      const detach = abort?.onAbort(done);
    });
  }
}

/** A one-shot close flag that wakes whoever waits on it. */
export class CloseFlag {
  private closed = false;
  private readonly listeners = new Set<() => void>();

  get aborted(): boolean {
    return this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const cb of [...this.listeners]) cb();
    this.listeners.clear();
  }

  onAbort(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }
}
