import { BASE_TOKEN, POLICY, SAFE_1, SAFE_2, TOKEN } from '../testing/scenarios';
import { busyAssetEvents } from './testing/busy-asset';
import { APPLE, conflicting, MSFT, statement } from './testing/events';
import { factsOf, project, snapshotFrom } from './testing/projector';
import { reconcileAsset } from '../testing/with-test-ids';

describe('Building an asset snapshot from the event stream', () => {
  describe('Given the events of a busy but balanced asset', () => {
    const snapshot = snapshotFrom(project(factsOf(busyAssetEvents())));

    it('should state the multipliers from registration on', () =>
      expect(snapshot.multipliers).toEqual([
        { multiplier: '1', effectiveAt: '2024-01-02T09:00:00Z', eventIds: ['ev-asset'] },
        { multiplier: '1.5', effectiveAt: '2025-03-01T00:00:00Z', eventIds: ['ev-multiplier'] },
      ]));
    it('should sum each chain from its mints and burns, up to the latest block', () =>
      expect(snapshot.chains.map(({ chainId, supply, decimals, asOfBlock }) => ({ chainId, supply, decimals, asOfBlock }))).toEqual([
        { chainId: 1, supply: 600n * TOKEN, decimals: 18, asOfBlock: 20_000_000 },
        { chainId: 8453, supply: 200n * BASE_TOKEN, decimals: 6, asOfBlock: 26_990_000 },
      ]));
    it('should take each account position from its latest statement, pages together', () =>
      expect(snapshot.positions).toEqual([
        {
          ...SAFE_1, quantity: '790', statementDate: '2025-03-13', statementReference: 'S1-0313', basis: 'SETTLED', eventIds: ['ev-stmt-1'],
          statementMovements: [{ fromDate: '2025-03-12', toDate: '2025-03-13', statementReference: 'S1-0313', quantity: '35', eventIds: ['ev-stmt-1-0312', 'ev-stmt-1'] }],
        },
        { ...SAFE_2, quantity: '400', statementDate: '2025-03-13', statementReference: 'S2-0313', basis: 'SETTLED', eventIds: ['ev-stmt-2a', 'ev-stmt-2b'] },
      ]));
    it('should expect the statement of the last business day, due this morning', () =>
      expect(snapshot.statements.expected.map((e) => [e.account, e.expectedDate, e.dueAt, e.latestStatementDate])).toEqual([
        ['SAFE-1', '2025-03-13', '2025-03-14T07:00:00.000Z', '2025-03-13'],
        ['SAFE-2', '2025-03-13', '2025-03-14T07:00:00.000Z', '2025-03-13'],
      ]));
    it('should find nothing', () => expect(reconcileAsset(snapshot, POLICY)).toEqual([]));
  });

  describe('Given the busy asset whose SAFE-1 statement also holds an ISIN no asset maps to', () => {
    const events = busyAssetEvents().map((e) => (e.eventId === 'ev-stmt-1'
      ? statement('ev-stmt-1', { account: 'SAFE-1', statementReference: 'S1-0313', asOf: '2025-03-13', positions: [{ isin: APPLE, quantity: '790' }, { isin: MSFT, quantity: '3' }] }, '2025-03-14T06:00:00Z')
      : e));
    it('should raise an unknown instrument with its quantity', () =>
      expect(reconcileAsset(snapshotFrom(project(factsOf(events))), POLICY).map((f) => [f.breakType, f.subject, f.figures])).toEqual([
        ['unknown-instrument', 'isin:bank:SAFE-1:US5949181045', { quantity: '3' }],
      ]));

    describe('When an approved ignore-instrument resolution put the ISIN on the account\'s ignore list', () => {
      const ignored = {
        stream: 'exception-x1', eventId: 'ev-ignored', recordedAt: '2025-03-14T07:30:00Z',
        event: {
          type: 'InstrumentIgnored' as const,
          data: {
            exceptionId: 'x1', assetId: 'aapl', ...SAFE_1, isin: MSFT, reasonCode: 'NOT_TOKENIZED' as const, justification: 'treasury holding',
            proposedBy: 'alice', approvedBy: 'carol', ignoredAt: '2025-03-14T07:30:00Z',
          },
        },
      };
      const later = statement('ev-stmt-1b', { account: 'SAFE-1', statementReference: 'S1-0314', asOf: '2025-03-14', positions: [{ isin: APPLE, quantity: '790' }, { isin: MSFT, quantity: '5' }] }, '2025-03-15T06:00:00Z');
      it('should raise nothing for it', () => expect(reconcileAsset(snapshotFrom(project(factsOf([...events, ignored]))), POLICY)).toEqual([]));
      it('should raise nothing for it on a later statement either', () =>
        expect(reconcileAsset(snapshotFrom(project(factsOf([...events, ignored, later])), 'aapl', '2025-03-15T07:00:00Z'), { ...POLICY, now: '2025-03-15T07:00:00Z' })
          .filter((f) => f.breakType === 'unknown-instrument')).toEqual([]));
      it('should still raise an ISIN another account holds', () =>
        expect(reconcileAsset(snapshotFrom(project(factsOf([...events, { ...ignored, event: { ...ignored.event, data: { ...ignored.event.data, account: 'SAFE-2' } } }]))), POLICY)
          .map((f) => f.subject)).toEqual(['isin:bank:SAFE-1:US5949181045']));
    });
  });

  describe('Given the busy asset whose SAFE-1 statement is delivered again with 780', () => {
    const again = conflicting('ev-dup', { account: 'SAFE-1', statementReference: 'S1-0313', asOf: '2025-03-13', positions: [{ isin: APPLE, quantity: '780' }] }, '2025-03-14T07:00:00Z');
    it('should raise a conflicting duplicate against the delivery that counts', () =>
      expect(reconcileAsset(snapshotFrom(project(factsOf([...busyAssetEvents(), again]))), POLICY).map((f) => [f.breakType, f.figures, f.evidenceEventIds])).toEqual([
        ['conflicting-duplicate', { original: '790', conflicting: '780', difference: '-10', versions: '1' }, ['ev-stmt-1', 'ev-dup']],
      ]));
  });
});
