import { SYSTEMIC_ASSET_ID } from './exception-cap';
import { Finding } from './finding';
import { NOW, POLICY, SAFE_1, withStatements } from './testing/scenarios';
import { applyExceptionCap, exceptionIdFor, reconcileAsset } from './testing/with-test-ids';

// Five assets on one custodian whose statements did not come: five stale-statement breaks, one fault.
const staleFor = (assetId: string): Finding[] => reconcileAsset({
  ...withStatements({ expected: [{ ...SAFE_1, expectedDate: '2025-03-13', dueAt: '2025-03-14T07:00:00Z', latestStatementDate: '2025-03-12', eventIds: [`ev-${assetId}`] }] }),
  assetId,
}, POLICY);
const ASSETS = ['tsla', 'aapl', 'nvda', 'cspx', 'msft'];
const outage = ASSETS.flatMap(staleFor);
const supplyMismatch: Finding = { ...outage[0]!, breakType: 'supply-mismatch', severity: 'high', subject: 'chain:1', fault: 'chain:1', exceptionId: 'supply-x' };

describe('Exception cap', () => {
  describe('When one custodian outage makes more breaks than the cap', () => {
    it('should replace them with one aggregate naming the fault, the count and every subject', () =>
      expect(applyExceptionCap(outage, 3)).toEqual([{
        exceptionId: exceptionIdFor(SYSTEMIC_ASSET_ID, 'stale-missing-statement', 'systemic:custodian:bank'),
        assetId: SYSTEMIC_ASSET_ID,
        breakType: 'stale-missing-statement',
        severity: 'medium',
        subject: 'systemic:custodian:bank',
        fault: 'custodian:bank',
        figures: { affected: '5', affectedAssets: '5' },
        asOf: NOW,
        reason: '5 stale-missing-statement breaks on 5 asset(s) share one fault (custodian:bank): aapl account:bank:SAFE-1, cspx account:bank:SAFE-1, msft account:bank:SAFE-1, ...',
        evidenceEventIds: ['ev-tsla', 'ev-aapl', 'ev-nvda', 'ev-cspx', 'ev-msft'],
        affected: ['aapl', 'cspx', 'msft', 'nvda', 'tsla'].map((assetId) => ({ assetId, subject: 'account:bank:SAFE-1' })),
      }]));
    it('should take the worst severity of the group', () =>
      expect(applyExceptionCap(outage.map((f, i) => (i === 2 ? { ...f, severity: 'critical' as const } : f)), 3)[0]?.severity).toBe('critical'));
  });

  describe('When the breaks are within the cap', () => {
    it('should pass them through unchanged at the cap', () => expect(applyExceptionCap(outage, 5)).toEqual(outage));
  });

  describe('When other breaks come with the outage', () => {
    it('should keep them, in their place', () =>
      expect(applyExceptionCap([supplyMismatch, ...outage], 2).map((f) => [f.breakType, f.subject])).toEqual([
        ['supply-mismatch', 'chain:1'], ['stale-missing-statement', 'systemic:custodian:bank'],
      ]));
  });

  describe('When all the breaks are on one asset', () => {
    it('should keep that asset on the aggregate', () => {
      const oneAsset = ['m1', 'm2', 'm3'].map((id) => ({ ...outage[0]!, breakType: 'unexpected-custody-movement' as const, subject: `movement:bank:SAFE-1:${id}` }));
      expect(applyExceptionCap(oneAsset, 2).map((f) => [f.assetId, f.figures])).toEqual([['tsla', { affected: '3', affectedAssets: '1' }]]);
    });
  });

  describe('When the cap is not a positive integer', () => {
    it.each([0, -1, 2.5, Number.NaN])('should refuse %d', (cap) => expect(() => applyExceptionCap(outage, cap)).toThrow('cap'));
  });
});
