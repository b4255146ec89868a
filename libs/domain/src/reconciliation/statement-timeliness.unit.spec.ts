import { MISSING_PAGES_NAMED } from './statement-timeliness';
import { ExpectedStatement, StatementPages } from './snapshot';
import { at, POLICY, SAFE_1, withStatements, expectedFinding } from './testing/scenarios';
import { reconcileAsset } from './testing/with-test-ids';

const expected = (changes: Partial<ExpectedStatement> = {}): ExpectedStatement =>
  ({ ...SAFE_1, expectedDate: '2025-03-13', dueAt: '2025-03-14T07:00:00Z', latestStatementDate: '2025-03-12', eventIds: ['ev-stmt-0312'], ...changes });
const pages = (changes: Partial<StatementPages> = {}): StatementPages =>
  ({ ...SAFE_1, statementReference: 'STMT43', statementDate: '2025-03-13', pagesReceived: [1, 3], lastPage: 3, firstReceivedAt: '2025-03-14T07:00:00Z', eventIds: ['ev-p1', 'ev-p3'], ...changes });

describe('Stale or missing statement', () => {
  describe('When the statement of the 13th has not arrived 2.5 hours after it was due', () => {
    it('should raise a stale statement for the account', () =>
      expect(reconcileAsset(withStatements({ expected: [expected()] }), POLICY)).toEqual([expectedFinding({
        breakType: 'stale-missing-statement',
        severity: 'medium',
        subject: 'account:bank:SAFE-1',
        fault: 'custodian:bank',
        figures: { missingStatementDate: '2025-03-13', dueAt: '2025-03-14T07:00:00Z', lastReceivedDate: '2025-03-12' },
        reason: 'bank/SAFE-1: the statement of 2025-03-13 was due at 2025-03-14T07:00:00Z; the latest is of 2025-03-12',
        evidenceEventIds: ['ev-stmt-0312'],
      })]));
    it('should wait until the staleness window ends', () => expect(reconcileAsset(withStatements({ expected: [expected()] }), at('2025-03-14T09:00:00Z'))).toEqual([]));
    it('should use the account\'s own window when it has one', () =>
      expect(reconcileAsset(withStatements({ expected: [expected()] }), { ...POLICY, staleness: { default: { hours: 2 }, accounts: [{ ...SAFE_1, window: { hours: 3 } }] } })).toEqual([]));
    it('should say so when no statement ever arrived, with no last received date', () => {
      const [finding] = reconcileAsset(withStatements({ expected: [expected({ latestStatementDate: undefined })] }), POLICY);
      expect(finding?.reason).toContain('none has ever arrived');
      expect(finding?.figures).toEqual({ missingStatementDate: '2025-03-13', dueAt: '2025-03-14T07:00:00Z' });
    });
    it('should take the grace of the account\'s schedule over the policy\'s window', () => {
      const policy = { ...POLICY, staleness: { default: { hours: 2 }, accounts: [{ ...SAFE_1, window: { hours: 1 } }] } };
      expect(reconcileAsset(withStatements({ expected: [expected({ grace: { hours: 3 } })] }), policy)).toEqual([]);
      expect(reconcileAsset(withStatements({ expected: [expected({ grace: { hours: 2 } })] }), policy)).toHaveLength(1);
    });
    it('should clear once it arrives', () => expect(reconcileAsset(withStatements({ expected: [expected({ latestStatementDate: '2025-03-13' })] }), POLICY)).toEqual([]));
  });

  describe('When page 2 of 3 is still missing after the window', () => {
    it('should raise a missing page for the statement', () =>
      expect(reconcileAsset(withStatements({ pages: [pages()] }), POLICY).map((f) => [f.subject, f.severity, f.figures, f.reason])).toEqual([[
        'statement:bank:SAFE-1:STMT43', 'medium', { pagesReceived: '2', expectedPages: '3', missingPages: '1', missingPage2: '2' },
        'bank/SAFE-1 statement STMT43 of 2025-03-13: page(s) 2 of 3 missing',
      ]]));
    it('should raise it without a count while the last page is unknown', () =>
      expect(reconcileAsset(withStatements({ pages: [pages({ pagesReceived: [1, 2], lastPage: undefined })] }), POLICY).map((f) => f.figures)).toEqual([{ pagesReceived: '2' }]));
    it('should wait while the window is open', () => expect(reconcileAsset(withStatements({ pages: [pages({ firstReceivedAt: '2025-03-14T08:00:00Z' })] }), POLICY)).toEqual([]));
    it('should clear once the page arrives', () => expect(reconcileAsset(withStatements({ pages: [pages({ pagesReceived: [1, 2, 3] })] }), POLICY)).toEqual([]));
  });

  describe('When 19 of 20 pages are missing', () => {
    it('should count them all and name the first MISSING_PAGES_NAMED by their numbers', () => {
      const [figures] = reconcileAsset(withStatements({ pages: [pages({ pagesReceived: [1], lastPage: 20 })] }), POLICY).map((f) => f.figures);
      expect(figures).toMatchObject({ missingPages: '19', missingPage2: '2', missingPage11: '11' });
      expect(Object.keys(figures ?? {}).filter((name) => name.startsWith('missingPage') && name !== 'missingPages')).toHaveLength(MISSING_PAGES_NAMED);
    });
  });
});
