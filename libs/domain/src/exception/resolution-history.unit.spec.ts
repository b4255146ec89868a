import { NOW } from '../testing/fixtures';
import { ExceptionEvent } from './events';
import { resolutionHistory } from './resolution-history';

const ref = { exceptionId: 'x1', assetId: 'aapl' };
const LATER = '2025-04-01T00:00:00.000Z';
const raised: ExceptionEvent = {
  type: 'ExceptionRaised',
  data: { ...ref, breakType: 'under-collateralized', severity: 'critical', figures: { difference: '-10' }, evidenceEventIds: ['e1'], raisedAt: NOW },
};
const accepted: ExceptionEvent[] = [
  { type: 'ResolutionProposed', data: { ...ref, proposalId: 'p1', maker: 'alice', outcome: 'accept-difference', reasonCode: 'TIMING', justification: 'late', amount: '10', until: '2025-03-31', resolution: 'accept', proposedAt: NOW } },
  { type: 'ResolutionApproved', data: { ...ref, proposalId: 'p1', maker: 'alice', checker: 'carol', approvedAt: NOW } },
  { type: 'ExceptionClosed', data: { ...ref, proposalId: 'p1', outcome: 'accept-difference', reasonCode: 'TIMING', justification: 'late', amount: '10', until: '2025-03-31', resolution: 'accept', closedAt: NOW } },
];
const reopened: ExceptionEvent = {
  type: 'ExceptionReopened',
  data: { ...ref, reason: 'acceptance expired 2025-03-31', reopenedBy: 'reconciler', severity: 'critical', figures: { difference: '-10' }, evidenceEventIds: ['e1'], reopenedAt: LATER },
};

describe('Resolution history', () => {
  it('should show an approved resolution in force, with maker and checker', () =>
    expect(resolutionHistory([raised, ...accepted])).toEqual([{
      proposalId: 'p1', outcome: 'accept-difference', reasonCode: 'TIMING', justification: 'late', amount: '10', until: '2025-03-31', resolution: 'accept',
      proposedBy: 'alice', proposedAt: NOW, approvedBy: 'carol', closedAt: NOW, status: 'in-force',
    }]));
  it('should keep it when the break reopens, with the reason', () =>
    expect(resolutionHistory([raised, ...accepted, reopened])).toEqual([expect.objectContaining({ proposalId: 'p1', status: 'reopened', reopenedAt: LATER, reopenReason: 'acceptance expired 2025-03-31' })]));
  it('should read a free-text resolution as fixed at source for reason OTHER', () =>
    expect(resolutionHistory([raised, { type: 'ResolutionProposed', data: { ...ref, proposalId: 'p2', maker: 'bob', resolution: 'statement late', proposedAt: NOW } }]))
      .toEqual([expect.objectContaining({ outcome: 'fixed-at-source', reasonCode: 'OTHER', justification: 'statement late', status: 'pending' })]));
  it('should show a rejection with who rejected and why', () =>
    expect(resolutionHistory([raised, accepted[0]!, { type: 'ResolutionRejected', data: { ...ref, proposalId: 'p1', rejectedBy: 'carol', reason: 'no evidence', rejectedAt: NOW } }]))
      .toEqual([expect.objectContaining({ status: 'rejected', rejectedBy: 'carol', rejectionReason: 'no evidence' })]));
});
