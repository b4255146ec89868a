import { currentSchemaVersion } from '@recon/domain';
import type { RecordedEvent } from '@recon/event-store';

/**
 * Makes stored events for projection tests: each call gives the next global position and event id,
 * all recorded at `recordedAt` (the reconciler judges a batch at its events' recorded time).
 */
export function recordedEvents(recordedAt: string): (type: string, data: object) => RecordedEvent {
  let position = 0n;
  return (type, data) => {
    position += 1n;
    return {
      eventId: `ev-${position}`, type, schemaVersion: currentSchemaVersion(type), data, metadata: {},
      streamId: 's', streamVersion: 0, globalPosition: position, recordedAt, hash: '', previousHash: '',
    };
  };
}
