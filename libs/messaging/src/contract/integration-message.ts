import { RecordedEvent } from '@recon/event-store';

/**
 * The published Kafka contract for stored events: one topic, keyed by asset id so one asset's
 * events stay in order on one partition. It is separate from the stored envelope on purpose: the
 * store may change its internals, consumers rely on this shape only.
 */
export const EVENTS_TOPIC = 'recon.events.v1';

/** Header names; values are UTF-8 strings. */
export const HEADERS = {
  eventId: 'event-id',
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  streamId: 'stream-id',
  streamVersion: 'stream-version',
  globalPosition: 'global-position',
} as const;

/** Message value: the recorded event as JSON, with the position as a decimal string. */
export interface IntegrationMessageValue {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: string;
  readonly recordedAt: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
  readonly hash: string;
  readonly previousHash: string;
}

export function toIntegrationMessageValue(event: RecordedEvent): IntegrationMessageValue {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    globalPosition: event.globalPosition.toString(),
    recordedAt: event.recordedAt,
    data: event.data,
    metadata: { ...event.metadata },
    hash: event.hash,
    previousHash: event.previousHash,
  };
}

/** Back to the store's shape, so one projection code path serves Kafka and the in-process subscription. */
export function fromIntegrationMessageValue(value: IntegrationMessageValue): RecordedEvent {
  return { ...value, globalPosition: BigInt(value.globalPosition) };
}

/**
 * Partition key. Events that name an asset go by asset id; the rest (custody statements cover many
 * assets) go by stream, which still keeps each stream in order.
 */
export function partitionKeyOf(event: Pick<RecordedEvent, 'streamId' | 'data'>): string {
  const data = event.data as { assetId?: unknown } | null;
  return typeof data?.assetId === 'string' && data.assetId !== '' ? `asset:${data.assetId}` : `stream:${event.streamId}`;
}
