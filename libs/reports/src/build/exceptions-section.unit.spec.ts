import type { RecordedEvent } from '@recon/event-store';
import { exceptionsSection } from './exceptions-section';

const ref = { exceptionId: 'x1', assetId: 'bAAPL' };
let position = 0n;
const recorded = (type: string, data: object): RecordedEvent => ({
  eventId: `e${++position}`, type, schemaVersion: 1, data, metadata: {}, streamId: 'exception-x1', streamVersion: Number(position) - 1,
  globalPosition: position, recordedAt: '2026-02-28T15:00:00.000Z', hash: '',
} as unknown as RecordedEvent);

describe('Exceptions section of the daily report', () => {
  describe('Given a resolution proposed and approved by people whose ids came in other spellings', () => {
    const events = [
      recorded('ExceptionRaised', { ...ref, breakType: 'under-collateralized', severity: 'critical', figures: {}, evidenceEventIds: [], raisedAt: '2026-02-28T09:00:00.000Z' }),
      recorded('ResolutionProposed', { ...ref, proposalId: 'p1', maker: ' Alice ', resolution: 'late settlement', proposedAt: '2026-02-28T10:00:00.000Z' }),
      recorded('ResolutionApproved', { ...ref, proposalId: 'p1', maker: ' Alice ', checker: 'BOB', approvedAt: '2026-02-28T11:00:00.000Z' }),
      recorded('ExceptionClosed', { ...ref, resolution: 'late settlement', closedAt: '2026-02-28T11:00:00.000Z' }),
    ];
    it('should name maker and checker by their normalised identity, as the maker-checker rule compared them', () => {
      const section = exceptionsSection(events, '2026-02-28T00:00:00.000Z', '2026-03-01T00:00:00.000Z');
      expect(section.closed).toEqual([expect.objectContaining({ exceptionId: 'x1', proposedBy: 'alice', approvedBy: 'bob', status: 'CLOSED' })]);
    });
  });
});
