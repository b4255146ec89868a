import { specification } from '../testing/decider-specification';
import { meta, NOW } from '../testing/fixtures';
import { PolicyCommand } from './commands';
import { policyDecider } from './decider';
import { PolicyEvent } from './events';
import { PolicyTerms } from './terms';

const { given } = specification(policyDecider);
const POLICY: PolicyTerms = {
  tolerance: '0.001',
  stalenessDefault: { hours: 2 },
  windows: { settlement: { days: 1 }, mintBurn: { days: 1 }, missingPage: { hours: 2 } },
  agedSettlementCriticalAfter: { days: 5 },
};
const LATER = '2025-03-14T10:00:00.000Z';

const propose = (policy: PolicyTerms = POLICY, actor = 'alice', proposalId = 'P-1'): PolicyCommand => ({ type: 'ProposePolicy', data: { proposalId, policy }, metadata: meta(actor) });
const approve = (actor = 'bob', proposalId = 'P-1'): PolicyCommand => ({ type: 'ApprovePolicy', data: { proposalId }, metadata: meta(actor, LATER) });
const reject = (reason = 'too wide', actor = 'bob', proposalId = 'P-1'): PolicyCommand => ({ type: 'RejectPolicy', data: { proposalId, reason }, metadata: meta(actor, LATER) });

const proposed: PolicyEvent = { type: 'PolicyProposed', data: { proposalId: 'P-1', policy: POLICY, maker: 'alice', proposedAt: NOW } };
const approved: PolicyEvent = { type: 'PolicyApproved', data: { proposalId: 'P-1', policy: POLICY, maker: 'alice', checker: 'bob', approvedAt: LATER } };
const rejected: PolicyEvent = { type: 'PolicyRejected', data: { proposalId: 'P-1', maker: 'alice', rejectedBy: 'bob', reason: 'too wide', rejectedAt: LATER } };

/** The refusal's message, to see which field it names. */
function refusalOf(policy: PolicyTerms): string {
  try {
    policyDecider.decide(propose(policy), policyDecider.initialState());
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
}

describe('Reconciliation policy (four eyes)', () => {
  describe('When a maker proposes a policy', () => {
    it('should record the proposal, which changes nothing yet', () => given([]).when(propose()).then([proposed]));
    it('should add nothing for the same proposal again', () => given([proposed]).when(propose()).then([]));
    it('should refuse a second proposal while one awaits a checker', () => given([proposed]).when(propose(POLICY, 'alice', 'P-2')).thenThrows('PROPOSAL_PENDING'));
    it('should accept a new proposal once the last was decided', () =>
      given([proposed, rejected]).when(propose(POLICY, 'alice', 'P-2')).then([{ ...proposed, data: { ...proposed.data, proposalId: 'P-2' } }]));
    it('should keep the tolerance in its shortest spelling and drop units not given', () =>
      given([]).when(propose({ ...POLICY, tolerance: '0.00100', stalenessDefault: { hours: 2, minutes: undefined } as PolicyTerms['stalenessDefault'] })).then([proposed]));
    it('should take a tolerance of zero: every difference is a break', () =>
      given([]).when(propose({ ...POLICY, tolerance: '0' })).then([{ ...proposed, data: { ...proposed.data, policy: { ...POLICY, tolerance: '0' } } }]));
  });

  describe('When the proposal is malformed', () => {
    it.each([
      ['a negative tolerance', { ...POLICY, tolerance: '-0.001' }, 'tolerance:'],
      ['a tolerance finer than share precision', { ...POLICY, tolerance: '0.0000000000000000001' }, 'tolerance:'],
      ['a tolerance that is no number', { ...POLICY, tolerance: 'one share' }, 'tolerance:'],
      ['a tolerance given as a number', { ...POLICY, tolerance: 0.001 as unknown as string }, 'tolerance:'],
      ['an empty staleness', { ...POLICY, stalenessDefault: {} }, 'stalenessDefault:'],
      ['a zero settlement window', { ...POLICY, windows: { ...POLICY.windows, settlement: { days: 0 } } }, 'windows.settlement:'],
      ['a negative mint/burn window', { ...POLICY, windows: { ...POLICY.windows, mintBurn: { hours: -1 } } }, 'windows.mintBurn.hours:'],
      ['a fractional page window', { ...POLICY, windows: { ...POLICY.windows, missingPage: { hours: 1.5 } } }, 'windows.missingPage.hours:'],
      ['an unknown unit', { ...POLICY, agedSettlementCriticalAfter: { weeks: 1 } as PolicyTerms['agedSettlementCriticalAfter'] }, 'agedSettlementCriticalAfter.weeks:'],
      ['no windows', { ...POLICY, windows: undefined } as unknown as PolicyTerms, 'windows:'],
    ] as [string, PolicyTerms, string][])('should refuse %s, naming the field', (_what, policy, field) => {
      given([]).when(propose(policy)).thenThrows('INVALID_FIELD');
      expect(refusalOf(policy).startsWith(field)).toBe(true);
    });
  });

  describe('When a checker approves', () => {
    it('should put the policy in force, naming maker and checker', () => given([proposed]).when(approve()).then([approved]));
    it('should refuse the maker approving their own proposal', () => given([proposed]).when(approve('alice')).thenThrows('MAKER_CHECKER'));
    it('should tell the maker apart whatever case or spaces the id came with', () => given([proposed]).when(approve(' ALICE ')).thenThrows('MAKER_CHECKER'));
    it('should refuse an unknown proposal', () => given([proposed]).when(approve('bob', 'P-9')).thenThrows('PROPOSAL_NOT_FOUND'));
    it('should refuse a proposal already approved', () => given([proposed, approved]).when(approve('carol')).thenThrows('PROPOSAL_DECIDED'));
    it('should refuse a proposal already rejected', () => given([proposed, rejected]).when(approve()).thenThrows('PROPOSAL_DECIDED'));
  });

  describe('When a proposal is rejected', () => {
    it('should record why, leaving the policy in force as it was', () => given([proposed]).when(reject()).then([rejected]));
    it('should let the maker withdraw it', () =>
      given([proposed]).when(reject('changed my mind', 'alice')).then([{ ...rejected, data: { ...rejected.data, rejectedBy: 'alice', reason: 'changed my mind' } }]));
    it('should need a reason', () => given([proposed]).when(reject(' ')).thenThrows('INVALID_FIELD'));
    it('should refuse an unknown proposal', () => given([]).when(reject()).thenThrows('PROPOSAL_NOT_FOUND'));
    it('should refuse a proposal already decided', () => given([proposed, approved]).when(reject()).thenThrows('PROPOSAL_DECIDED'));
  });

  describe('When a policy is in force and another is proposed', () => {
    it('should keep the one in force until the new one is approved', () => {
      const state = [proposed, approved, { ...proposed, data: { ...proposed.data, proposalId: 'P-2', policy: { ...POLICY, tolerance: '1' } } }]
        .reduce(policyDecider.evolve, policyDecider.initialState());
      expect(state.current?.policy.tolerance).toBe('0.001');
      expect(state.pending?.policy.tolerance).toBe('1');
    });
  });
});
