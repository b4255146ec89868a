import type { RecordedEvent } from '@recon/event-store';
import { HEADERS, partitionKeyOf, toIntegrationMessageValue } from '../contract/integration-message';

/** One Kafka record of the integration contract, as handed to kafkajs (`Message`). */
export interface IntegrationKafkaMessage {
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
}

/** The record for one stored event: contract key, headers and JSON value (see `integration-message.ts`). */
export function toKafkaMessage(event: RecordedEvent): IntegrationKafkaMessage {
  return {
    key: partitionKeyOf(event),
    value: JSON.stringify(toIntegrationMessageValue(event)),
    headers: {
      [HEADERS.eventId]: event.eventId,
      [HEADERS.eventType]: event.type,
      [HEADERS.schemaVersion]: String(event.schemaVersion),
      [HEADERS.streamId]: event.streamId,
      [HEADERS.streamVersion]: String(event.streamVersion),
      [HEADERS.globalPosition]: event.globalPosition.toString(),
    },
  };
}
