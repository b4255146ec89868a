import { AppendResult, EventStore, ExpectedVersion, NewEvent } from '../port';
import type { BeforeCommitContext } from '../postgres/postgres-event-store';

export interface HeldAppend {
  /** Resolves once the events have their positions and the transaction is open (waiting to commit). */
  readonly held: Promise<void>;
  readonly done: Promise<AppendResult>;
}

/**
 * Test helper for the PostgreSQL adapter: pass `beforeCommit` to the store, then
 * `appendHolding(...)` makes that one append wait `holdMs` with its transaction (and the append
 * lock) open after its rows are written, i.e. it commits late.
 */
export class TransactionHold {
  private readonly holds = new Map<string, { ms: number; onHeld: () => void }>();

  readonly beforeCommit = async (context: BeforeCommitContext): Promise<void> => {
    const hold = this.holds.get(context.streamId);
    if (!hold) return;
    this.holds.delete(context.streamId);
    hold.onHeld();
    await new Promise((resolve) => setTimeout(resolve, hold.ms));
  };

  appendHolding(store: EventStore, streamId: string, events: readonly NewEvent[], expected: ExpectedVersion, holdMs: number): HeldAppend {
    let onHeld!: () => void;
    const heldSignal = new Promise<void>((resolve) => (onHeld = resolve));
    this.holds.set(streamId, { ms: holdMs, onHeld });
    const done: Promise<AppendResult> = store.appendToStream(streamId, events, expected);
    const held = Promise.race([heldSignal, done.then(() => undefined)]);
    return { held, done };
  }
}
