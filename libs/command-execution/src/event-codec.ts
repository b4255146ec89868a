import { RecordedEvent } from '@recon/event-store';

/**
 * Turns stored events into the current domain shapes (upcasting old schema versions) and tells
 * the schema version to store with a new event. Backed by the domain's event catalogue.
 */
export interface EventCodec {
  decode(recorded: RecordedEvent): { type: string; data: unknown };
  schemaVersion(type: string): number;
}

export const EVENT_CODEC = Symbol('EVENT_CODEC');
