import { specification } from '../testing/decider-specification';
import { APPLE_ISIN, CSPX_ISIN, meta } from '../testing/fixtures';
import { CustodyCommand, RecordTransactionsPage, TransactionsPosting } from './commands';
import { custodyDecider } from './decider';
import { CustodyEvent } from './events';

const { given } = specification(custodyDecider);
const LATER = '2025-03-14T18:00:00.000Z';

const received: TransactionsPosting = { movementId: 'm1', isin: APPLE_ISIN, quantity: '250.50', reason: 'MT536 TX42: received', movedAt: '2025-03-13T00:00:00Z' };
const delivered: TransactionsPosting = { movementId: 'm2', isin: APPLE_ISIN, quantity: '-16', reason: 'MT536 TX42: delivered', movedAt: '2025-03-13T00:00:00Z' };

const recordPage = (postings: readonly TransactionsPosting[], overrides: Partial<RecordTransactionsPage['data']> = {}, now?: string): CustodyCommand => ({
  type: 'RecordTransactionsPage',
  data: { custodian: 'bank', account: 'SAFE-1', statementReference: 'TX42', page: 1, postings, ...overrides },
  metadata: meta('file-drop', now),
});
const recorded = (posting: TransactionsPosting, quantity: string, page = 1): CustodyEvent => ({
  type: 'CustodyMovementRecorded',
  data: { custodian: 'bank', account: 'SAFE-1', ...posting, quantity, statementReference: 'TX42', page },
});
const RECORDED_PAGE = [recorded(received, '250.5'), recorded(delivered, '-16')];
const conflicting = (postings: Array<[TransactionsPosting, string]>): CustodyEvent => ({
  type: 'ConflictingTransactionsDetected',
  data: {
    custodian: 'bank', account: 'SAFE-1', statementReference: 'TX42', page: 1, detectedAt: LATER,
    postings: postings.map(([posting, quantity]) => ({ ...posting, quantity })),
  },
});

describe('Custody decider: a statement of transactions page (MT536)', () => {
  describe('When the page is new', () => {
    it('should record each posting as a custody movement on its page, quantities normalized', () =>
      given([]).when(recordPage([delivered, received])).then([recorded(delivered, '-16'), recorded(received, '250.5')]));
    it('should refuse a zero posting, and so the whole page', () =>
      given([]).when(recordPage([received, { ...delivered, quantity: '0' }])).thenThrows('INVALID_QUANTITY'));
    it('should refuse page 0', () => given([]).when(recordPage([received], { page: 0 })).thenThrows('INVALID_FIELD'));
    it('should refuse a page for another account', () => given(RECORDED_PAGE).when(recordPage([received], { account: 'SAFE-2' })).thenThrows('WRONG_STREAM'));
  });

  describe('When the page was recorded', () => {
    it('should record nothing for the same postings again, in any order and notation', () =>
      given(RECORDED_PAGE).when(recordPage([{ ...delivered, quantity: '-16.000' }, received])).then([]));
    it('should flag other quantities under the same reference and page as a conflicting duplicate, and take none of them', () =>
      given(RECORDED_PAGE).when(recordPage([received, { ...delivered, quantity: '-20' }], {}, LATER)).then([conflicting([[received, '250.5'], [delivered, '-20']])]));
    it('should flag an added posting as a conflicting duplicate, not record it', () => {
      const extra = { ...received, movementId: 'm3', quantity: '5' };
      return given(RECORDED_PAGE).when(recordPage([received, delivered, extra], {}, LATER)).then([conflicting([[received, '250.5'], [delivered, '-16'], [extra, '5']])]);
    });
    it('should flag a posting left out as a conflicting duplicate', () =>
      given(RECORDED_PAGE).when(recordPage([received], {}, LATER)).then([conflicting([[received, '250.5']])]));
    it('should record the next page of the statement', () =>
      given(RECORDED_PAGE).when(recordPage([{ ...received, movementId: 'm9', isin: CSPX_ISIN }], { page: 2 })).then([recorded({ ...received, movementId: 'm9', isin: CSPX_ISIN }, '250.5', 2)]));
  });

  describe('When a conflicting version was already flagged', () => {
    const flagged = conflicting([[received, '250.5'], [delivered, '-20']]);
    it('should flag the same version only once', () => given([...RECORDED_PAGE, flagged]).when(recordPage([received, { ...delivered, quantity: '-20' }], {}, LATER)).then([]));
    it('should record nothing for the original postings', () => given([...RECORDED_PAGE, flagged]).when(recordPage([received, delivered])).then([]));
    it('should flag yet another version', () =>
      given([...RECORDED_PAGE, flagged]).when(recordPage([received, { ...delivered, quantity: '-30' }], {}, LATER)).then([conflicting([[received, '250.5'], [delivered, '-30']])]));
  });

  describe('When its movements were recorded one by one, without their page', () => {
    const alone: CustodyEvent[] = [
      { type: 'CustodyMovementRecorded', data: { custodian: 'bank', account: 'SAFE-1', ...received, quantity: '250.5' } },
      { type: 'CustodyMovementRecorded', data: { custodian: 'bank', account: 'SAFE-1', ...delivered } },
    ];
    it('should record nothing for the same postings', () => given(alone).when(recordPage([received, delivered])).then([]));
    it('should flag a movement id recorded with other content', () =>
      given(alone).when(recordPage([received, { ...delivered, quantity: '-20' }], {}, LATER)).then([conflicting([[received, '250.5'], [delivered, '-20']])]));
  });
});

describe('Custody decider: a cancellation of a statement of transactions (MT536 23G CANC)', () => {
  const cancelTx = (overrides: Partial<Extract<CustodyCommand, { type: 'CancelTransactions' }>['data']> = {}): CustodyCommand => ({
    type: 'CancelTransactions',
    data: { custodian: 'bank', account: 'SAFE-1', statementReference: 'TX42', cancellationId: 'cancel-TX42', asOf: '2025-03-14', ...overrides },
    metadata: meta('file-drop', LATER),
  });
  const cancelled = (pages: readonly number[]): CustodyEvent => ({
    type: 'TransactionsCancelled',
    data: { custodian: 'bank', account: 'SAFE-1', statementReference: 'TX42', pages, cancellationId: 'cancel-TX42', asOf: '2025-03-14', cancelledAt: LATER },
  });
  const page2 = recorded({ ...received, movementId: 'm9', isin: CSPX_ISIN }, '250.5', 2);

  describe('Given the statement was recorded on two pages', () => {
    it('should withdraw it, naming the pages it had', () => given([...RECORDED_PAGE, page2]).when(cancelTx()).then([cancelled([1, 2])]));
  });
  describe('Given it was cancelled already', () => {
    it('should record nothing when the cancellation is delivered again', () => given([...RECORDED_PAGE, cancelled([1])]).when(cancelTx()).then([]));
    it('should not record a page of it delivered afterwards, nor flag other postings as a conflict', () => {
      given([...RECORDED_PAGE, cancelled([1])]).when(recordPage([received, delivered])).then([]);
      return given([...RECORDED_PAGE, cancelled([1])]).when(recordPage([received], {}, LATER)).then([]);
    });
    it('should still record another statement of transactions', () =>
      given([...RECORDED_PAGE, cancelled([1])]).when(recordPage([{ ...received, movementId: 'm7' }], { statementReference: 'TX43' })).then([
        { type: 'CustodyMovementRecorded', data: { custodian: 'bank', account: 'SAFE-1', ...received, movementId: 'm7', quantity: '250.5', statementReference: 'TX43', page: 1 } },
      ]));
  });
  describe('Given a reference never recorded', () => {
    it('should record the cancellation with no pages, as for holdings: it may overtake the statement', () => given([]).when(cancelTx()).then([cancelled([])]));
  });
  describe('Given a malformed cancellation', () => {
    it('should refuse one for another account', () => given(RECORDED_PAGE).when(cancelTx({ account: 'SAFE-2' })).thenThrows('WRONG_STREAM'));
    it('should refuse an empty reference', () => given([]).when(cancelTx({ statementReference: '' })).thenThrows('INVALID_FIELD'));
  });
});
