import type { CommandMetadata } from './decider';

/**
 * A domain event is plain readonly data. The stored type name is the `type` literal itself, taken
 * from the catalogue's registry, never from a class name (minifiers and renames would break replay).
 * Envelope concerns (event id, schema version, correlation, recorded time) belong to the event store.
 */
export type DomainEvent<Type extends string, Data extends object> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

/** A command is plain data too; `metadata` brings the clock and the actor in from the edge. */
export type DomainCommand<Type extends string, Data extends object> = Readonly<{
  type: Type;
  data: Readonly<Data>;
  metadata: CommandMetadata;
}>;
