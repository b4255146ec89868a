import { createHash, randomUUID } from 'node:crypto';

/**
 * Ids for new events. With an `Idempotency-Key` the ids are derived from it, so a client that
 * retries a request after a lost response appends nothing twice (the store skips known ids).
 */
export function newEventIds(count: number, streamId: string, idempotencyKey?: string): string[] {
  return Array.from({ length: count }, (_, index) => (idempotencyKey ? uuidFrom(`${streamId}\u0000${idempotencyKey}\u0000${index}`) : randomUUID()));
}

/** A name-based UUID (version 8 layout over SHA-256), stable for the same input. */
export function uuidFrom(name: string): string {
  const bytes = createHash('sha256').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
