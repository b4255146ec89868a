/**
 * An aggregate as a decider: pure functions, no I/O, no clock. Time and ids arrive in the command.
 */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** Every command carries who asked, when, and the ids it may use for new events. */
export interface CommandMetadata {
  /** The moment the command was accepted, ISO-8601 UTC; decisions never read a clock. */
  readonly now: string;
  readonly actor: string;
}

/** A command refused by the business rules; the API maps it to 422 (or 403 for maker-checker). */
export class DomainError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Folds a history into state: what a command handler does after reading a stream. */
export function fold<Event, State>(decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>, events: readonly Event[]): State {
  return events.reduce(decider.evolve, decider.initialState());
}

/** Compile-time exhaustiveness check at the end of a switch over a union. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
