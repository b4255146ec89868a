import { ConflictingDelivery } from './snapshot';
import { POLICY, SAFE_1, withStatements, expectedFinding } from './testing/scenarios';
import { reconcileAsset } from './testing/with-test-ids';

const MSFT = 'US5949181045';
const unknownLine = { ...SAFE_1, isin: MSFT, quantity: '12.50', statementReference: 'STMT42', statementDate: '2025-03-13', eventIds: ['ev-stmt'] };
const conflict = (conflictingQuantity: string, eventId: string): ConflictingDelivery =>
  ({ ...SAFE_1, statementId: 'bank-STMT42-1', statementReference: 'STMT42', page: 1, originalQuantity: '1000', conflictingQuantity, eventIds: ['ev-stmt', eventId] });

describe('Statement content', () => {
  describe('When a statement line names an ISIN no asset maps to', () => {
    it('should raise an unknown instrument, low', () =>
      expect(reconcileAsset(withStatements({ unknownInstruments: [unknownLine] }), POLICY)).toEqual([expectedFinding({
        breakType: 'unknown-instrument',
        severity: 'low',
        subject: `isin:bank:SAFE-1:${MSFT}`,
        fault: 'custodian:bank',
        figures: { quantity: '12.5' },
        reason: `bank/SAFE-1 statement STMT42 of 2025-03-13 holds 12.50 of ${MSFT}, which no asset maps to`,
        evidenceEventIds: ['ev-stmt'],
      })]));
    it('should clear once an asset maps the ISIN', () => expect(reconcileAsset(withStatements({ unknownInstruments: [] }), POLICY)).toEqual([]));
  });

  describe('When a statement page was delivered again with other content', () => {
    it('should raise a conflicting duplicate with both quantities', () =>
      expect(reconcileAsset(withStatements({ conflictingDuplicates: [conflict('990', 'ev-dup-1')] }), POLICY).map((f) => [f.breakType, f.severity, f.subject, f.figures, f.evidenceEventIds]))
        .toEqual([['conflicting-duplicate', 'high', 'duplicate:bank-STMT42-1', { original: '1000', conflicting: '990', difference: '-10', versions: '1' }, ['ev-stmt', 'ev-dup-1']]]));
    it('should make one break of several versions, showing the one that differs most', () =>
      expect(reconcileAsset(withStatements({ conflictingDuplicates: [conflict('1005', 'ev-dup-2'), conflict('990', 'ev-dup-1')] }), POLICY).map((f) => f.figures))
        .toEqual([{ original: '1000', conflicting: '990', difference: '-10', versions: '2' }]));
    it('should clear once the conflict no longer concerns the statement that counts', () =>
      expect(reconcileAsset(withStatements({ conflictingDuplicates: [] }), POLICY)).toEqual([]));
  });
});
