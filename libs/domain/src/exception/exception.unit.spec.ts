import { specification } from '../testing/decider-specification';
import { meta, NOW } from '../testing/fixtures';
import { ExceptionCommand, RaiseException } from './commands';
import { exceptionDecider } from './decider';
import { ExceptionEvent } from './events';
import { exceptionStream } from './stream';

const { given } = specification(exceptionDecider);
const ref = { exceptionId: 'x1', assetId: 'aapl' };
const figures = { required: '1000', held: '990.5', difference: '-9.5' };

const raise = (overrides: Partial<RaiseException['data']> = {}, actor = 'reconciler'): ExceptionCommand => ({
  type: 'RaiseException',
  data: { ...ref, breakType: 'under-collateralized', severity: 'critical', figures: { required: '1000.00', held: '990.5', difference: '-9.50' }, evidenceEventIds: ['e1', 'e2'], ...overrides },
  metadata: meta(actor),
});
const raised: ExceptionEvent = {
  type: 'ExceptionRaised',
  data: { ...ref, breakType: 'under-collateralized', severity: 'critical', figures, evidenceEventIds: ['e1', 'e2'], raisedAt: NOW },
};
const assign = (assignee = 'bob'): ExceptionCommand => ({ type: 'AssignException', data: { exceptionId: 'x1', assignee }, metadata: meta('alice') });
const commentOn = (commentId = 'c1', text = 'custodian confirms a late settlement'): ExceptionCommand => ({
  type: 'CommentOnException', data: { exceptionId: 'x1', commentId, text }, metadata: meta('alice'),
});
const propose = (proposalId = 'p1', actor = 'alice'): ExceptionCommand => ({
  type: 'ProposeResolution', data: { exceptionId: 'x1', proposalId, resolution: 'late settlement, now booked' }, metadata: meta(actor),
});
const approve = (actor = 'carol', proposalId = 'p1'): ExceptionCommand => ({ type: 'ApproveResolution', data: { exceptionId: 'x1', proposalId }, metadata: meta(actor) });
const reject = (actor = 'carol', proposalId = 'p1'): ExceptionCommand => ({
  type: 'RejectResolution', data: { exceptionId: 'x1', proposalId, reason: 'no confirmation attached' }, metadata: meta(actor),
});
const clear: ExceptionCommand = {
  type: 'ClearException', data: { exceptionId: 'x1', reason: 'held covers required again', evidenceEventIds: ['e9'] }, metadata: meta('reconciler'),
};
const reopen: ExceptionCommand = { type: 'ReopenException', data: { exceptionId: 'x1', reason: 'custodian revised the statement' }, metadata: meta('alice') };

const assigned: ExceptionEvent = { type: 'ExceptionAssigned', data: { ...ref, assignee: 'bob', assignedBy: 'alice', assignedAt: NOW } };
const commented: ExceptionEvent = { type: 'ExceptionCommented', data: { ...ref, commentId: 'c1', author: 'alice', text: 'custodian confirms a late settlement', commentedAt: NOW } };
const proposed: ExceptionEvent = { type: 'ResolutionProposed', data: { ...ref, proposalId: 'p1', maker: 'alice', resolution: 'late settlement, now booked', proposedAt: NOW } };
const approved: ExceptionEvent = { type: 'ResolutionApproved', data: { ...ref, proposalId: 'p1', maker: 'alice', checker: 'carol', approvedAt: NOW } };
const closed: ExceptionEvent = { type: 'ExceptionClosed', data: { ...ref, proposalId: 'p1', resolution: 'late settlement, now booked', closedAt: NOW } };
const rejected: ExceptionEvent = { type: 'ResolutionRejected', data: { ...ref, proposalId: 'p1', rejectedBy: 'carol', reason: 'no confirmation attached', rejectedAt: NOW } };
const cleared: ExceptionEvent = { type: 'ExceptionCleared', data: { ...ref, reason: 'held covers required again', evidenceEventIds: ['e9'], clearedAt: NOW } };

describe('Exception decider', () => {
  describe('When no exception was raised', () => {
    it('should raise it with normalized figures', () => given([]).when(raise()).then([raised]));
    it('should refuse a break type docs/reconciliation.md does not list', () => given([]).when(raise({ breakType: 'typo' as 'supply-mismatch' })).thenThrows('INVALID_FIELD'));
    it('should refuse an unknown severity', () => given([]).when(raise({ severity: 'urgent' as 'high' })).thenThrows('INVALID_FIELD'));
    it('should refuse a figure that is not a decimal', () => given([]).when(raise({ figures: { held: 'n/a' } })).thenThrows('INVALID_QUANTITY'));
    it('should keep a date, an instant and a standard reason code as figures, as given', () => {
      const dated = { missingStatementDate: '2026-12-04', dueAt: '2026-12-07T09:00:00.000Z', reasonCode: 'LACK' };
      return given([]).when(raise({ breakType: 'stale-missing-statement', severity: 'medium', figures: dated }))
        .then([{ ...raised, data: { ...raised.data, breakType: 'stale-missing-statement', severity: 'medium', figures: dated } } as ExceptionEvent]);
    });
    it('should refuse a figure that is a date no calendar has', () => given([]).when(raise({ figures: { missingStatementDate: '2026-13-40' } })).thenThrows('INVALID_DATE'));
    it.each([
      ['assign', assign()], ['comment', commentOn()], ['propose', propose()], ['approve', approve()],
      ['reject', reject()], ['clear', clear], ['reopen', reopen],
    ])('should refuse to %s', (_name, cmd) => given([]).when(cmd).thenThrows('EXCEPTION_NOT_FOUND'));
  });

  describe('When the exception is open', () => {
    it('should record nothing when the reconciler raises it again with the same figures in another notation', () => given([raised]).when(raise()).then([]));
    it('should refuse a raise of another break type under the same id', () =>
      given([raised]).when(raise({ breakType: 'supply-mismatch' })).thenThrows('EXCEPTION_ID_CONFLICT'));
    it('should assign it', () => given([raised]).when(assign()).then([assigned]));
    it('should comment on it', () => given([raised]).when(commentOn()).then([commented]));
    it('should refuse an empty comment', () => given([raised]).when(commentOn('c1', '')).thenThrows('INVALID_FIELD'));
    it('should take a proposal from the maker', () => given([raised]).when(propose()).then([proposed]));
    it('should refuse an approval with nothing proposed', () => given([raised]).when(approve()).thenThrows('NO_PENDING_PROPOSAL'));
    it('should refuse a rejection with nothing proposed', () => given([raised]).when(reject()).thenThrows('NO_PENDING_PROPOSAL'));
    it('should clear it automatically', () => given([raised]).when(clear).then([cleared]));
    it('should refuse to reopen it', () => given([raised]).when(reopen).thenThrows('EXCEPTION_ALREADY_OPEN'));
  });

  describe('When the exception is assigned and commented', () => {
    it('should record nothing for the same assignee again', () => given([raised, assigned]).when(assign()).then([]));
    it('should reassign it', () => given([raised, assigned]).when(assign('dave')).then([{ ...assigned, data: { ...assigned.data, assignee: 'dave' } }]));
    it('should record a retried comment once', () => given([raised, commented]).when(commentOn()).then([]));
  });

  describe('When a resolution awaits approval', () => {
    const history = [raised, proposed];
    it('should close it on approval by a different checker', () => given(history).when(approve('carol')).then([approved, closed]));
    it('should refuse approval by the maker', () => given(history).when(approve('alice')).thenThrows('MAKER_CHECKER'));
    it('should refuse approval of another proposal', () => given(history).when(approve('carol', 'p2')).thenThrows('NO_PENDING_PROPOSAL'));
    it('should reject it', () => given(history).when(reject()).then([rejected]));
    it('should let the maker withdraw it', () => given(history).when(reject('alice')).then([{ ...rejected, data: { ...rejected.data, rejectedBy: 'alice' } }]));
    it('should record nothing for the same proposal retried', () => given(history).when(propose()).then([]));
    it('should refuse a second proposal', () => given(history).when(propose('p2')).thenThrows('PROPOSAL_PENDING'));
    it('should clear it automatically, dropping the proposal', () => given(history).when(clear).then([cleared]));
  });

  describe('When a resolution was rejected', () => {
    const history = [raised, proposed, rejected];
    it('should take a new proposal', () => given(history).when(propose('p2', 'bob')).then([{ ...proposed, data: { ...proposed.data, proposalId: 'p2', maker: 'bob' } }]));
    it('should record nothing for the rejection retried', () => given(history).when(reject()).then([]));
    it('should refuse approving the rejected proposal', () => given(history).when(approve()).thenThrows('NO_PENDING_PROPOSAL'));
  });

  describe('When the exception is closed', () => {
    const history = [raised, proposed, approved, closed];
    it('should record nothing for the approval retried', () => given(history).when(approve()).then([]));
    it('should refuse an assignment', () => given(history).when(assign('dave')).thenThrows('EXCEPTION_CLOSED'));
    it('should refuse a new proposal', () => given(history).when(propose('p2')).thenThrows('EXCEPTION_CLOSED'));
    it('should still take comments', () => given(history).when(commentOn()).then([commented]));
    it('should record nothing when the reconciler clears it', () => given(history).when(clear).then([]));
    it('should reopen it on request', () =>
      given(history).when(reopen).then([
        { type: 'ExceptionReopened', data: { ...ref, reason: 'custodian revised the statement', reopenedBy: 'alice', severity: 'critical', figures, evidenceEventIds: ['e1', 'e2'], reopenedAt: NOW } },
      ]));
  });

  describe('When the exception was cleared', () => {
    it('should record nothing for a second clear', () => given([raised, cleared]).when(clear).then([]));
    it('should reopen it when the reconciler sees the break again', () =>
      given([raised, cleared]).when(raise({ figures: { held: '980' }, evidenceEventIds: ['e12'] })).then([
        { type: 'ExceptionReopened', data: { ...ref, reason: 'break detected again', reopenedBy: 'reconciler', severity: 'critical', figures: { held: '980' }, evidenceEventIds: ['e12'], reopenedAt: NOW } },
      ]));
  });

  describe('When the break\'s fault crosses the exception cap', () => {
    const foldInto = (intoExceptionId = 'agg-1'): ExceptionCommand => ({ type: 'FoldException', data: { exceptionId: 'x1', intoExceptionId }, metadata: meta('reconciler') });
    const folded: ExceptionEvent = { type: 'ExceptionFolded', data: { ...ref, intoExceptionId: 'agg-1', foldedAt: NOW } };
    it('should fold the open exception into the aggregate', () => given([raised]).when(foldInto()).then([folded]));
    it('should fold one awaiting approval too, ending the proposal', () => given([raised, proposed]).when(foldInto()).then([folded]));
    it('should record nothing when folded again (a retry)', () => given([raised, folded]).when(foldInto()).then([]));
    it('should record nothing for a break people closed meanwhile', () => given([raised, proposed, approved, closed]).when(foldInto()).then([]));
    it('should refuse folding into itself', () => given([raised]).when(foldInto('x1')).thenThrows('INVALID_FIELD'));
    it('should refuse an exception never raised', () => given([]).when(foldInto()).thenThrows('EXCEPTION_NOT_FOUND'));
    it('should reopen it when the reconciler raises the break on its own again', () =>
      given([raised, folded]).when(raise()).then([{
        type: 'ExceptionReopened',
        data: { ...ref, reason: 'break detected again', reopenedBy: 'reconciler', severity: 'critical', figures, evidenceEventIds: ['e1', 'e2'], reopenedAt: NOW },
      }]));
  });

  describe('When naming the stream', () => {
    it('should prefix the exception id', () => expect(exceptionStream('x1')).toBe('exception-x1'));
  });
});
