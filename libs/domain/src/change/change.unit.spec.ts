import { specification } from '../testing/decider-specification';
import { meta, NOW } from '../testing/fixtures';
import { ChangeCommand } from './commands';
import { changeDecider } from './decider';
import { ChangeEvent } from './events';
import { ChangePayload } from './kinds';

const { given } = specification(changeDecider);
const LATER = '2025-03-14T10:00:00.000Z';
const PAYLOAD: ChangePayload = { type: 'ChangeMultiplier', data: { assetId: 'bAAPL', multiplier: '0.001', effectiveAt: NOW } };

const propose = (actor = 'alice', changeId = 'C-1'): ChangeCommand =>
  ({ type: 'ProposeChange', data: { changeId, kind: 'multiplier', payload: PAYLOAD, summary: 'bAAPL multiplier 0.001' }, metadata: meta(actor) });
const approve = (actor = 'bob', approver = true): ChangeCommand => ({ type: 'ApproveChange', data: { changeId: 'C-1', approver }, metadata: meta(actor, LATER) });
const reject = (actor = 'bob', reason = 'wrong multiplier', approver = true): ChangeCommand =>
  ({ type: 'RejectChange', data: { changeId: 'C-1', reason, approver }, metadata: meta(actor, LATER) });
const applied = (): ChangeCommand => ({ type: 'RecordChangeApplied', data: { changeId: 'C-1', streamId: 'asset-bAAPL', version: 3, eventIds: ['e-1'] }, metadata: meta('bob', LATER) });

const proposed: ChangeEvent = { type: 'ChangeProposed', data: { changeId: 'C-1', kind: 'multiplier', payload: PAYLOAD, summary: 'bAAPL multiplier 0.001', maker: 'alice', proposedAt: NOW } };
const approved: ChangeEvent = { type: 'ChangeApproved', data: { changeId: 'C-1', maker: 'alice', checker: 'bob', approvedAt: LATER } };
const rejected: ChangeEvent = { type: 'ChangeRejected', data: { changeId: 'C-1', maker: 'alice', rejectedBy: 'bob', reason: 'wrong multiplier', rejectedAt: LATER } };
const wasApplied: ChangeEvent = { type: 'ChangeApplied', data: { changeId: 'C-1', appliedAt: LATER, streamId: 'asset-bAAPL', version: 3, eventIds: ['e-1'] } };

describe('Change request (four eyes on manual changes)', () => {
  describe('When a maker proposes a change', () => {
    it('should record the proposal only', () => given([]).when(propose()).then([proposed]));
    it('should add nothing when the same proposal is retried', () => given([proposed]).when(propose()).then([]));
    it('should refuse a kind it does not know', () =>
      given([]).when({ type: 'ProposeChange', data: { changeId: 'C-1', kind: 'nonsense' as never, payload: PAYLOAD, summary: 's' }, metadata: meta() }).thenThrows('INVALID_FIELD'));
    it('should refuse a proposal without a summary', () =>
      given([]).when({ type: 'ProposeChange', data: { changeId: 'C-1', kind: 'multiplier', payload: PAYLOAD, summary: ' ' }, metadata: meta() }).thenThrows('INVALID_FIELD'));
  });

  describe('When a checker approves', () => {
    it('should approve for a different identity with the approver role', () => given([proposed]).when(approve()).then([approved]));
    it('should refuse the maker', () => given([proposed]).when(approve('alice')).thenThrows('MAKER_CHECKER'));
    it('should refuse the maker whatever case or spaces the name comes with', () => {
      given([proposed]).when(approve(' ALICE ')).thenThrows('MAKER_CHECKER');
      given([proposed]).when(approve('Alice')).thenThrows('MAKER_CHECKER');
    });
    it('should refuse someone without the approver role', () => given([proposed]).when(approve('carol', false)).thenThrows('FORBIDDEN'));
    it('should add nothing when the same checker retries', () => given([proposed, approved]).when(approve('BOB')).then([]));
    it('should refuse another checker once approved', () => given([proposed, approved]).when(approve('carol')).thenThrows('CHANGE_DECIDED'));
    it('should refuse approving a rejected change', () => given([proposed, rejected]).when(approve('carol')).thenThrows('CHANGE_DECIDED'));
    it('should refuse an unknown change', () => given([]).when(approve()).thenThrows('CHANGE_NOT_FOUND'));
  });

  describe('When a change is rejected', () => {
    it('should record the reason and who rejected', () => given([proposed]).when(reject()).then([rejected]));
    it('should let the maker withdraw their own without the approver role', () =>
      given([proposed]).when(reject('alice', 'typed the wrong account', false))
        .then([{ ...rejected, data: { ...rejected.data, rejectedBy: 'alice', reason: 'typed the wrong account' } }]));
    it('should refuse someone who is neither an approver nor the maker', () => given([proposed]).when(reject('carol', 'no', false)).thenThrows('FORBIDDEN'));
    it('should refuse a rejection without a reason', () => given([proposed]).when(reject('bob', '  ')).thenThrows('INVALID_FIELD'));
    it('should add nothing when the same rejection is retried', () => given([proposed, rejected]).when(reject()).then([]));
    it('should refuse rejecting an approved change', () => given([proposed, approved]).when(reject('carol')).thenThrows('CHANGE_DECIDED'));
  });

  describe('When an approved change was carried out', () => {
    it('should record where it was written', () => given([proposed, approved]).when(applied()).then([wasApplied]));
    it('should add nothing the second time', () => given([proposed, approved, wasApplied]).when(applied()).then([]));
    it('should refuse to record a pending change as applied', () => given([proposed]).when(applied()).thenThrows('CHANGE_NOT_APPROVED'));
  });
});
