import { APPLE_ISIN, CSPX_ISIN, NOW } from '../testing/fixtures';
import { CustodyEvent, StatementContent } from './events';
import { assembleStatement, pagesToFillIn, pagesOfStatementIn } from './page-assembly';

const page = (number: number, lastPage: boolean, account: string, pageAccounts?: string[], positions = [{ isin: APPLE_ISIN, quantity: '10' }]): CustodyEvent => {
  const data: StatementContent = {
    statementId: `bank-${account}-HOLD1-${number}`, custodian: 'bank', account, statementReference: 'HOLD1', page: number, lastPage,
    asOf: '2024-07-01', basis: 'TRADED', completeness: 'COMPLETE', positions, ...(pageAccounts ? { pageAccounts } : {}),
  };
  return { type: 'StatementReceived', data: { ...data, receivedAt: NOW } };
};
const cancelled: CustodyEvent = {
  type: 'StatementCancelled',
  data: { custodian: 'bank', account: 'SAFE', statementReference: 'HOLD1', pages: [1], cancellationId: 'c1', asOf: '2024-07-01', cancelledAt: NOW },
};
const fillIn = (account: string, number: number, lastPage: boolean, pageAccounts: string[]) => ({
  custodian: 'bank', account, statementReference: 'HOLD1', page: number, lastPage, asOf: '2024-07-01', basis: 'TRADED', completeness: 'COMPLETE', positions: [], pageAccounts,
});

describe('Page assembly per statement reference', () => {
  describe('Given page 1 of 2 lists the account and its lending sub-account, page 2 the account only', () => {
    const pages = pagesOfStatementIn([page(1, false, 'SAFE', ['SAFE', 'SAFE-LEND']), page(2, true, 'SAFE', ['SAFE'], [{ isin: CSPX_ISIN, quantity: '1' }])], 'bank', 'HOLD1');

    it('then the statement is complete and reports both accounts', () =>
      expect(assembleStatement(pages)).toEqual({ received: [1, 2], lastPage: 2, missing: [], complete: true, accounts: ['SAFE', 'SAFE-LEND'] }));
    it('then the sub-account gets an empty page 2, so that its own pages are complete too', () =>
      expect(pagesToFillIn(pages)).toEqual([fillIn('SAFE-LEND', 2, true, ['SAFE'])]));
  });

  describe('Given only page 2 of a statement arrived', () => {
    const pages = pagesOfStatementIn([page(2, true, 'SAFE', ['SAFE'])], 'bank', 'HOLD1');
    it('then page 1 is missing', () => expect(assembleStatement(pages)).toMatchObject({ received: [2], lastPage: 2, missing: [1], complete: false }));
    it('then nothing needs filling: one account so far', () => expect(pagesToFillIn(pages)).toEqual([]));
  });

  describe('Given pages 1 and 3 arrived and none is flagged last', () => {
    it('then page 2 is missing and the end is unknown', () =>
      expect(assembleStatement(pagesOfStatementIn([page(1, false, 'SAFE'), page(3, false, 'SAFE')], 'bank', 'HOLD1'))).toEqual({
        received: [1, 3], missing: [2], complete: false, accounts: ['SAFE'],
      }));
  });

  describe('Given pages recorded before pages listed their accounts', () => {
    it('then each page reports its own account', () =>
      expect(pagesOfStatementIn([page(1, true, 'SAFE')], 'bank', 'HOLD1').pages).toEqual([
        { page: 1, lastPage: true, asOf: '2024-07-01', basis: 'TRADED', completeness: 'COMPLETE', accounts: ['SAFE'] },
      ]));
  });

  describe('Given the stream holds other statements, a conflicting delivery and a cancellation', () => {
    const conflict: CustodyEvent = { type: 'ConflictingDuplicateDetected', data: { ...(page(1, true, 'SAFE', ['SAFE', 'X']).data as StatementContent), detectedAt: NOW } };
    const other = page(1, true, 'SAFE');
    const events = [page(1, true, 'SAFE', ['SAFE']), conflict, { ...other, data: { ...other.data, statementReference: 'HOLD2' } } as CustodyEvent, cancelled];
    const pages = pagesOfStatementIn(events, 'bank', 'HOLD1');
    it('then only the counted pages of the named statement are read', () => expect(pages.pages.map((p) => p.accounts)).toEqual([['SAFE']]));
    it('then the cancellation is seen', () => expect(pages.cancellation).toEqual({ cancellationId: 'c1', asOf: '2024-07-01' }));
  });
});

describe('Page assembly with cancellations of one message (23G CANC naming a PREV)', () => {
  const withSeme = (event: CustodyEvent, messageReference: string): CustodyEvent =>
    (event.type === 'StatementReceived' ? { ...event, data: { ...event.data, messageReference } } : event);
  const p1 = withSeme(page(1, false, 'SAFE', ['SAFE', 'SAFE-LEND']), 'P1');
  const p2 = withSeme(page(2, true, 'SAFE', ['SAFE']), 'P2');
  const pageWithdrawn: CustodyEvent = {
    type: 'StatementPageCancelled',
    data: { custodian: 'bank', account: 'SAFE', statementReference: 'HOLD1', page: 1, messageReference: 'P1', cancellationId: 'c1', asOf: '2024-07-01', cancelledAt: NOW },
  };

  describe('Given both pages, then page 1 withdrawn', () => {
    const pages = pagesOfStatementIn([p1, p2, pageWithdrawn], 'bank', 'HOLD1');
    it('then the statement is incomplete again, page 1 missing and withdrawn', () =>
      expect(assembleStatement(pages)).toEqual({ received: [2], lastPage: 2, missing: [1], withdrawn: [1], complete: false, accounts: ['SAFE'] }));
    it('then the withdrawal names the page SEME, for the other accounts to withdraw it too', () =>
      expect(pages.withdrawn).toEqual([{ page: 1, messageReference: 'P1', cancellationId: 'c1', asOf: '2024-07-01' }]));
    it('then a replacement page 1 completes it again', () =>
      expect(assembleStatement(pagesOfStatementIn([p1, p2, pageWithdrawn, withSeme(page(1, false, 'SAFE'), 'P1-R')], 'bank', 'HOLD1'))).toMatchObject({ missing: [], complete: true }));
    it('then every account is given the page SEME with its filled-in page', () =>
      expect(pagesToFillIn(pagesOfStatementIn([p1, p2], 'bank', 'HOLD1'))).toEqual([{ ...fillIn('SAFE-LEND', 2, true, ['SAFE']), messageReference: 'P2' }]));
  });

  describe('Given a statement withdrawn by a CANC naming its only message', () => {
    const only = withSeme(page(1, true, 'SAFE', ['SAFE', 'SAFE-LEND']), 'P1');
    const withdrawnWhole: CustodyEvent = { ...cancelled, data: { ...cancelled.data, messageReferences: ['P1'] } } as CustodyEvent;
    it('then it keeps the pages, whose accounts it is withdrawn from, and says which message it named', () => {
      const pages = pagesOfStatementIn([only, withdrawnWhole], 'bank', 'HOLD1');
      expect(pages.cancellation).toEqual({ cancellationId: 'c1', asOf: '2024-07-01', cancels: 'P1', messages: ['P1'] });
      expect(assembleStatement(pages).accounts).toEqual(['SAFE', 'SAFE-LEND']);
    });
    it('then a corrected statement sent as a new message starts again, no longer cancelled', () => {
      const pages = pagesOfStatementIn([only, withdrawnWhole, withSeme(page(1, true, 'SAFE'), 'P1-C')], 'bank', 'HOLD1');
      expect(pages.cancellation).toBeUndefined();
      expect(assembleStatement(pages)).toMatchObject({ received: [1], complete: true, accounts: ['SAFE'] });
    });
  });
});
