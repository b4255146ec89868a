import { DomainError } from './decider';

/**
 * Builds `<category>-<part>-<part>` stream names in one place. EventStoreDB's category projection
 * splits at the first '-', so the category itself never contains one; parts may (UUIDs do), but never
 * whitespace or '/', which would make names ambiguous in URLs and logs.
 */
export function streamName(category: string, ...parts: readonly string[]): string {
  for (const part of parts) {
    if (!/^[^\s/]+$/.test(part)) throw new DomainError('INVALID_STREAM_ID', `${category} stream id part "${part}" is empty or has whitespace or '/'`);
  }
  return [category, ...parts].join('-');
}
