/**
 * given / when / then for deciders: a history of events, one command, and either the events the
 * decider must produce or the DomainError code it must refuse with. Kept in the domain lib (and free
 * of jest imports beyond the `expect` global) so every aggregate's tests read the same way.
 */
import { Decider, DomainError, fold } from '../shared/decider';

export interface DeciderSpecification<Command, Event> {
  given(events: readonly Event[]): {
    when(command: Command): {
      /** Events expected, in order; `[]` asserts an idempotent no-op. */
      then(expected: readonly Event[]): void;
      thenThrows(code: string): void;
    };
  };
}

export function specification<Command, Event, State>(decider: Decider<Command, Event, State>): DeciderSpecification<Command, Event> {
  return {
    given: (history) => ({
      when: (command) => {
        const run = () => decider.decide(command, fold(decider, history));
        return {
          then: (expected) => {
            const produced = run();
            expect(produced).toEqual(expected);
            // Whatever decide emits must also fold: an event evolve cannot apply is a replay bomb.
            expect(() => fold(decider, [...history, ...produced])).not.toThrow();
          },
          thenThrows: (code) => {
            let caught: unknown;
            try {
              run();
            } catch (error) {
              caught = error;
            }
            expect(caught).toBeInstanceOf(DomainError);
            expect((caught as DomainError).code).toBe(code);
          },
        };
      },
    }),
  };
}
