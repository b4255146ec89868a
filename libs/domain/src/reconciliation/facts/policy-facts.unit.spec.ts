import { AnyDomainEvent } from '../../catalogue/domain-event';
import { PolicyTerms } from '../../policy/terms';
import { ReconciliationPolicy } from '../policy';
import { POLICY } from '../testing/scenarios';
import { reconcileAsset } from '../testing/with-test-ids';
import { FactsDocument } from './documents';
import { factKeysOf, POLICY_FACTS_KEY } from './fact-keys';
import { policyInForce } from './policy-in-force';
import { factsTimeOf } from './snapshot-of';
import { deployed, linked, onChain, registered, requested, statement, StreamEvent } from './testing/events';
import { factsOf, project, snapshotFrom } from './testing/projector';

const { now: _now, ...DEFAULTS } = POLICY;
const WIDE: PolicyTerms = {
  tolerance: '0.001', stalenessDefault: { hours: 6 }, windows: { settlement: { days: 3 }, mintBurn: { hours: 12 }, missingPage: { hours: 1 } }, agedSettlementCriticalAfter: { days: 10 },
};
const approval = (eventId: string, proposalId: string, policy: PolicyTerms, approvedAt: string, recordedAt = approvedAt): StreamEvent => ({
  stream: 'reconciliation-policy', eventId, recordedAt,
  event: { type: 'PolicyApproved', data: { proposalId, policy, maker: 'alice', checker: 'bob', approvedAt } },
});

/** Ten shares minted on chain 1, the custodian holding half a thousandth less: a rounding difference. */
const roundingBreak = (): StreamEvent[] => [
  registered('ev-asset'), deployed('ev-deploy', 1, 0), linked('ev-link', 'SAFE-1'),
  requested('ev-req', 'mint', 'R-1', 1, 10n, '2025-03-14T05:00:00Z'), onChain('ev-mint', 'mint', 'R-1', 1, 10n, 7, '2025-03-14T05:10:00Z'),
  statement('ev-stmt', { account: 'SAFE-1', statementReference: 'S-1', asOf: '2025-03-13', positions: [{ isin: 'US0378331005', quantity: '9.9995' }] }, '2025-03-14T06:00:00Z'),
];

function judged(docs: ReadonlyMap<string, FactsDocument>, now = '2025-03-14T09:30:00.000Z'): string[] {
  const policy: ReconciliationPolicy = { ...policyInForce(docs, DEFAULTS), now };
  return reconcileAsset(snapshotFrom(docs, 'aapl', now), policy).map((f) => f.breakType);
}

describe('The approved reconciliation policy in the facts', () => {
  it('should be folded on approval only: a proposal or a rejection changes no facts', () => {
    expect(factKeysOf(approval('ev-p1', 'P-1', WIDE, '2025-03-14T07:00:00Z').event)).toEqual([POLICY_FACTS_KEY]);
    const proposed: AnyDomainEvent = { type: 'PolicyProposed', data: { proposalId: 'P-1', policy: WIDE, maker: 'alice', proposedAt: '2025-03-14T06:30:00Z' } };
    const rejected: AnyDomainEvent = { type: 'PolicyRejected', data: { proposalId: 'P-1', maker: 'alice', rejectedBy: 'bob', reason: 'too wide', rejectedAt: '2025-03-14T07:00:00Z' } };
    expect(factKeysOf(proposed)).toEqual([]);
    expect(factKeysOf(rejected)).toEqual([]);
  });

  describe('Given no policy ever approved', () => {
    it('should judge by the settings\' defaults', () => expect(policyInForce(project(factsOf(roundingBreak())), DEFAULTS)).toEqual(DEFAULTS));
    it('should raise the rounding difference as a break', () => expect(judged(project(factsOf(roundingBreak())))).toEqual(['under-collateralized']));
  });

  describe('Given a wider policy approved', () => {
    const docs = project(factsOf([...roundingBreak(), approval('ev-p1', 'P-1', WIDE, '2025-03-14T07:00:00Z')]));
    it('should judge by its terms, keeping the settings\' per-account staleness windows', () => {
      const withAccounts = { ...DEFAULTS, staleness: { default: { hours: 2 }, accounts: [{ custodian: 'bank', account: 'SAFE-9', window: { hours: 9 } }] } };
      expect(policyInForce(docs, withAccounts)).toEqual({
        tolerance: '0.001', staleness: { default: { hours: 6 }, accounts: withAccounts.staleness.accounts },
        windows: WIDE.windows, agedSettlementCriticalAfter: { days: 10 },
      });
    });
    it('should no longer see the rounding difference as a break', () => expect(judged(docs)).toEqual([]));
    it('should move the asset\'s facts time to the approval, so a pass after it judges by it', () => {
      const later = project(factsOf([...roundingBreak(), approval('ev-p1', 'P-1', WIDE, '2025-03-14T12:00:00Z')]));
      expect(factsTimeOf('aapl', later)).toBe('2025-03-14T12:00:00Z');
    });
  });

  describe('Given a narrower policy approved after the wider one', () => {
    const narrow: PolicyTerms = { ...WIDE, tolerance: '0.0001' };
    const history = [...roundingBreak(), approval('ev-p1', 'P-1', WIDE, '2025-03-14T07:00:00Z'), approval('ev-p2', 'P-2', narrow, '2025-03-14T08:00:00Z')];
    it('should raise the break again', () => expect(judged(project(factsOf(history)))).toEqual(['under-collateralized']));
    it('should keep the later approval when the earlier one is delivered again, whatever the order', () => {
      const facts = factsOf(history);
      const redelivered = project([...facts, { ...facts[facts.length - 2]!, eventId: 'ev-p1-again' }]);
      expect(redelivered.get(POLICY_FACTS_KEY)).toMatchObject({ approved: { proposalId: 'P-2', eventId: 'ev-p2' } });
      const reversed = project([...facts.slice(0, -2), facts[facts.length - 1]!, facts[facts.length - 2]!]);
      expect(reversed.get(POLICY_FACTS_KEY)).toMatchObject({ approved: { proposalId: 'P-2' } });
    });
    it('should change nothing for an approval delivered twice', () => {
      const once = project(factsOf(history));
      const twice = project(factsOf([...history, history[history.length - 1]!]));
      expect(twice.get(POLICY_FACTS_KEY)).toEqual(once.get(POLICY_FACTS_KEY));
    });
  });
});
