import { AnyDomainEvent, DomainEventType } from './domain-event';
import { EVENT_CATALOGUE } from './registry';

/** A stored event the running code cannot read. Not a DomainError: nobody asked for anything. */
export class EventSchemaError extends Error {
  constructor(readonly eventType: string, readonly schemaVersion: number, reason: string) {
    super(`${eventType} v${schemaVersion}: ${reason}`);
    this.name = 'EventSchemaError';
  }
}

const entries: Readonly<Record<string, { readonly version: number; readonly upcasters?: Readonly<Record<number, (data: never) => object>> }>> = EVENT_CATALOGUE;

export function isKnownEventType(type: string): type is DomainEventType {
  return Object.prototype.hasOwnProperty.call(EVENT_CATALOGUE, type);
}

/** The schema version to write alongside a new event of this type; takes any string, as codecs do. */
export function currentSchemaVersion(type: string): number {
  if (!isKnownEventType(type)) throw new EventSchemaError(type, 0, 'unknown event type: register it in catalogue/registry.ts');
  return EVENT_CATALOGUE[type].version;
}

/**
 * Brings stored data of `schemaVersion` to the current shape, one version at a time, and returns
 * the event as the deciders and projections read it. Refuses unknown types and versions newer than
 * this code (written by a newer deployment): guessing would silently misread history.
 */
export function upcast(type: string, schemaVersion: number, data: unknown): AnyDomainEvent {
  if (!isKnownEventType(type)) throw new EventSchemaError(type, schemaVersion, 'unknown event type');
  const entry = entries[type];
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) throw new EventSchemaError(type, schemaVersion, 'schema versions start at 1');
  if (schemaVersion > entry.version) throw new EventSchemaError(type, schemaVersion, `newer than this code's v${entry.version}`);
  let current = data;
  for (let version = schemaVersion; version < entry.version; version += 1) {
    const step = entry.upcasters?.[version];
    if (!step) throw new EventSchemaError(type, version, `no upcaster to v${version + 1}`);
    current = (step as (old: unknown) => object)(current);
  }
  return { type, data: current } as AnyDomainEvent;
}
