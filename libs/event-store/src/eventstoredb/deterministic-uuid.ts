import { createHash } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Namespace of event ids derived by this project (a fixed random UUID; never change it). */
export const RECON_EVENT_ID_NAMESPACE = '8f0c7a52-3c1e-4d7b-9a55-0b6f3f1d2e47';

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** RFC 4122 version-5 UUID (SHA-1 of namespace bytes + name), deterministic for a given name. */
export function uuidV5(name: string, namespace: string = RECON_EVENT_ID_NAMESPACE): string {
  if (!isUuid(namespace)) throw new Error(`Namespace ${namespace} is not a UUID`);
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * EventStoreDB event ids must be UUIDs. A UUID id is used as is (lower-cased); any other id (a
 * natural key such as `chainId:txHash:logIndex`) maps to its UUIDv5, so retries map to the same
 * ESDB id and ESDB's own idempotency applies. The original id travels in metadata.
 */
export function toEsdbEventId(eventId: string): string {
  return isUuid(eventId) ? eventId.toLowerCase() : uuidV5(eventId);
}
