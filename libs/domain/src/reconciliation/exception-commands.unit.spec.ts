import { exceptionDecider } from '../exception/decider';
import { fold } from '../shared/decider';
import { meta, NOW } from '../testing/fixtures';
import { SYSTEMIC_ASSET_ID } from './exception-cap';
import { at, brokenEveryWay, POLICY, SAFE_1, with_, withStatements } from './testing/scenarios';
import { applyExceptionCap, exceptionCommandsFor, exceptionIdFor, reconcileAsset } from './testing/with-test-ids';

const metadata = meta('reconciler');
const shortFinding = reconcileAsset(with_({ positions: [{ ...SAFE_1, quantity: '990', statementDate: '2025-03-13', statementReference: 'S', basis: 'SETTLED', eventIds: ['ev-stmt'] }] }), POLICY);
const underId = exceptionIdFor('aapl', 'under-collateralized', 'collateral');
const overId = exceptionIdFor('aapl', 'over-collateralized', 'collateral');

describe('Exception commands for a reconciliation pass', () => {
  describe('When the pass finds a break', () => {
    it('should raise it with its subject and as-of', () =>
      expect(exceptionCommandsFor({ findings: shortFinding, open: [], reconciledAssetIds: ['aapl'], metadata })).toEqual([{
        type: 'RaiseException',
        data: {
          exceptionId: underId, assetId: 'aapl', breakType: 'under-collateralized', severity: 'critical', subject: 'collateral', asOf: NOW,
          figures: shortFinding[0]!.figures, evidenceEventIds: ['ev-asset', 'ev-supply-1', 'ev-stmt'],
        },
        metadata,
      }]));
  });

  describe('When an open exception is no longer seen', () => {
    it('should clear it', () =>
      expect(exceptionCommandsFor({ findings: [], open: [{ exceptionId: overId, assetId: 'aapl' }], reconciledAssetIds: ['aapl'], metadata })).toEqual([
        { type: 'ClearException', data: { exceptionId: overId, reason: 'break no longer seen by reconciliation', evidenceEventIds: [] }, metadata },
      ]));
    it('should leave exceptions of assets this pass did not reconcile', () =>
      expect(exceptionCommandsFor({ findings: [], open: [{ exceptionId: overId, assetId: 'cspx' }], reconciledAssetIds: ['aapl'], metadata })).toEqual([]));
  });

  describe('When a break is folded into an aggregate', () => {
    const stale = (assetId: string) => reconcileAsset({
      ...withStatements({ expected: [{ ...SAFE_1, expectedDate: '2025-03-13', dueAt: '2025-03-14T07:00:00Z', eventIds: [] }] }), assetId,
    }, POLICY);
    const findings = applyExceptionCap(['aapl', 'cspx', 'nvda'].flatMap(stale), 2);
    const aaplStale = exceptionIdFor('aapl', 'stale-missing-statement', 'account:bank:SAFE-1');
    it('should keep its own open exception open, and raise only the aggregate', () =>
      expect(exceptionCommandsFor({ findings, open: [{ exceptionId: aaplStale, assetId: 'aapl' }], reconciledAssetIds: ['aapl', 'cspx', 'nvda', SYSTEMIC_ASSET_ID], metadata })
        .map((c) => [c.type, c.data.exceptionId])).toEqual([['RaiseException', exceptionIdFor(SYSTEMIC_ASSET_ID, 'stale-missing-statement', 'systemic:custodian:bank')]]));
    it('should carry the affected subjects on the raise', () =>
      expect(exceptionCommandsFor({ findings, open: [], reconciledAssetIds: [], metadata })[0]?.data).toMatchObject({ affected: expect.arrayContaining([{ assetId: 'nvda', subject: 'account:bank:SAFE-1' }]) }));
  });
});

describe('Findings through the exception decider', () => {
  const raisesOf = (now: string) => exceptionCommandsFor({ findings: applyExceptionCap(reconcileAsset(brokenEveryWay(), at(now)), 100), open: [], reconciledAssetIds: [], metadata: meta('reconciler', now) });
  const decide = (command: ReturnType<typeof raisesOf>[number], history: ReturnType<typeof exceptionDecider.decide> = []) =>
    exceptionDecider.decide(command, fold(exceptionDecider, history));

  describe('When every break is raised for the first time', () => {
    it('should be accepted and raised', () => {
      for (const command of raisesOf(NOW)) expect(decide(command).map((e) => e.type)).toEqual(['ExceptionRaised']);
    });
  });

  describe('When the next run sees the same breaks an hour later', () => {
    it('should record nothing at all: the figures do not depend on the time of the run', () => {
      const later = raisesOf('2025-03-14T10:30:00.000Z');
      for (const [index, command] of raisesOf(NOW).entries()) expect(decide(later[index]!, decide(command))).toEqual([]);
    });
  });

  describe('When the aged settlement escalates days later', () => {
    it('should record only that escalation', () => {
      const agedId = exceptionIdFor('aapl', 'failed-aged-settlement', 'trade:t1');
      const first = raisesOf(NOW).find((c) => c.data.exceptionId === agedId)!;
      const later = raisesOf('2025-03-20T00:00:00.000Z').find((c) => c.data.exceptionId === agedId)!;
      expect(decide(later, decide(first)).map((e) => [e.type, 'severity' in e.data ? e.data.severity : undefined])).toEqual([['ExceptionFiguresUpdated', 'critical']]);
    });
  });
});
