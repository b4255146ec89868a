import { specification } from '../testing/decider-specification';
import { APPLE_ISIN, CSPX_ISIN, meta, NOW } from '../testing/fixtures';
import { CancelStatement, CustodyCommand, ReceiveStatement, RecordCustodyMovement } from './commands';
import { custodyDecider } from './decider';
import { CustodyEvent, StatementContent } from './events';
import { custodyStream } from './stream';

const { given } = specification(custodyDecider);
const LATER = '2025-03-14T18:00:00.000Z';

const receive = (overrides: Partial<ReceiveStatement['data']> = {}, now = NOW): CustodyCommand => ({
  type: 'ReceiveStatement',
  data: {
    statementId: 'bank-STMT42-1', custodian: 'bank', account: 'SAFE-1', statementReference: 'STMT42', page: 1, lastPage: true,
    asOf: '2025-03-13', basis: 'SETTLED', completeness: 'COMPLETE',
    positions: [
      { isin: APPLE_ISIN, quantity: '1234.5', available: '1200', notAvailable: '34.50' },
      { isin: CSPX_ISIN, quantity: '250.000' },
    ],
    ...overrides,
  },
  metadata: meta('file-drop', now),
});
const content: StatementContent = {
  statementId: 'bank-STMT42-1', custodian: 'bank', account: 'SAFE-1', statementReference: 'STMT42', page: 1, lastPage: true,
  asOf: '2025-03-13', basis: 'SETTLED', completeness: 'COMPLETE',
  positions: [
    { isin: CSPX_ISIN, quantity: '250' },
    { isin: APPLE_ISIN, quantity: '1234.5', available: '1200', notAvailable: '34.5' },
  ],
};
const received: CustodyEvent = { type: 'StatementReceived', data: { ...content, receivedAt: NOW } };
const changedPositions = [{ isin: APPLE_ISIN, quantity: '1000' }];
const conflict: CustodyEvent = {
  type: 'ConflictingDuplicateDetected',
  data: { ...content, positions: [{ isin: APPLE_ISIN, quantity: '1000' }], detectedAt: LATER },
};

const cancel = (overrides: Partial<CancelStatement['data']> = {}): CustodyCommand => ({
  type: 'CancelStatement',
  data: { custodian: 'bank', account: 'SAFE-1', statementReference: 'STMT42', cancellationId: 'cancel-STMT42-1', asOf: '2025-03-13', ...overrides },
  metadata: meta('file-drop', LATER),
});

const move = (overrides: Partial<RecordCustodyMovement['data']> = {}): CustodyCommand => ({
  type: 'RecordCustodyMovement',
  data: { custodian: 'bank', account: 'SAFE-1', isin: APPLE_ISIN, quantity: '-10.0', movementId: 'm1', reason: 'delivery free of payment', movedAt: '2025-03-14T11:00:00Z', ...overrides },
  metadata: meta('file-drop'),
});
const moved: CustodyEvent = {
  type: 'CustodyMovementRecorded',
  data: { custodian: 'bank', account: 'SAFE-1', isin: APPLE_ISIN, quantity: '-10', movementId: 'm1', reason: 'delivery free of payment', movedAt: '2025-03-14T11:00:00Z' },
};

describe('Custody decider', () => {
  describe('When nothing was received for the account', () => {
    it('should record a statement, sorted by ISIN with normalized quantities', () => given([]).when(receive()).then([received]));
    it('should record an empty complete statement: the account holds nothing', () =>
      given([]).when(receive({ positions: [] })).then([{ ...received, data: { ...content, positions: [], receivedAt: NOW } }]));
    it('should refuse a position with an invalid ISIN', () => given([]).when(receive({ positions: [{ isin: 'US0378331000', quantity: '1' }] })).thenThrows('INVALID_ISIN'));
    it('should refuse the same ISIN twice on a page', () =>
      given([]).when(receive({ positions: [{ isin: APPLE_ISIN, quantity: '1' }, { isin: APPLE_ISIN, quantity: '2' }] })).thenThrows('DUPLICATE_POSITION'));
    it('should refuse sub-balances that do not add up', () =>
      given([]).when(receive({ positions: [{ isin: APPLE_ISIN, quantity: '10', available: '9', notAvailable: '2' }] })).thenThrows('INCONSISTENT_BALANCES'));
    it('should record a negative holding on a complete statement as stated: the reconciler judges it', () =>
      given([]).when(receive({ positions: [{ isin: APPLE_ISIN, quantity: '-1' }] })).then([
        { type: 'StatementReceived', data: { ...content, positions: [{ isin: APPLE_ISIN, quantity: '-1' }], receivedAt: NOW } },
      ]));
    it('should accept a negative change on a delta statement', () =>
      given([]).when(receive({ completeness: 'DELTA', positions: [{ isin: APPLE_ISIN, quantity: '-1' }] })).then([
        { type: 'StatementReceived', data: { ...content, completeness: 'DELTA', positions: [{ isin: APPLE_ISIN, quantity: '-1' }], receivedAt: NOW } },
      ]));
    it('should refuse a quantity with a decimal comma: the edge converts MT535 text', () =>
      given([]).when(receive({ positions: [{ isin: APPLE_ISIN, quantity: '1234,5' }] })).thenThrows('INVALID_QUANTITY'));
    it('should refuse an unknown basis', () => given([]).when(receive({ basis: 'BOTH' as 'SETTLED' })).thenThrows('INVALID_FIELD'));
    it('should refuse page 0', () => given([]).when(receive({ page: 0 })).thenThrows('INVALID_FIELD'));
    it('should refuse an as-of that is not a date', () => given([]).when(receive({ asOf: '13.03.2025' })).thenThrows('INVALID_DATE'));
    it('should record a movement with a normalized signed quantity', () => given([]).when(move()).then([moved]));
    it('should refuse a zero movement', () => given([]).when(move({ quantity: '0.000' })).thenThrows('INVALID_QUANTITY'));
    it('should refuse a movement without a reason', () => given([]).when(move({ reason: '' })).thenThrows('INVALID_FIELD'));
  });

  describe('When the statement was received', () => {
    it('should record nothing for the same content redelivered in another order and notation', () =>
      given([received]).when(receive({ positions: [{ isin: CSPX_ISIN, quantity: '250' }, { isin: APPLE_ISIN, quantity: '1234.50', notAvailable: '34.5', available: '1200.0' }] }, LATER)).then([]));
    it('should flag a delivery with the same id and different content', () =>
      given([received]).when(receive({ positions: changedPositions }, LATER)).then([conflict]));
    it('should record the next page', () =>
      given([received]).when(receive({ statementId: 'bank-STMT42-2', page: 2 })).then([
        { type: 'StatementReceived', data: { ...content, statementId: 'bank-STMT42-2', page: 2, receivedAt: NOW } },
      ]));
    it('should refuse a command for another account', () => given([received]).when(receive({ account: 'SAFE-2' })).thenThrows('WRONG_STREAM'));
  });

  describe('When a conflicting duplicate was already flagged', () => {
    it('should flag the same conflicting content only once', () => given([received, conflict]).when(receive({ positions: changedPositions })).then([]));
    it('should record nothing for the original content', () => given([received, conflict]).when(receive()).then([]));
    it('should flag yet another version', () =>
      given([received, conflict]).when(receive({ positions: [{ isin: APPLE_ISIN, quantity: '999' }] }, LATER)).then([
        { type: 'ConflictingDuplicateDetected', data: { ...content, positions: [{ isin: APPLE_ISIN, quantity: '999' }], detectedAt: LATER } },
      ]));
  });

  describe('When the movement was recorded', () => {
    it('should record nothing for the same movement again', () => given([moved]).when(move({ quantity: '-10' })).then([]));
    it('should refuse the same movement id with other content', () => given([moved]).when(move({ quantity: '-11' })).thenThrows('CONFLICTING_MOVEMENT'));
    it('should record another movement', () => given([moved]).when(move({ movementId: 'm2', quantity: '5' })).then([
      { type: 'CustodyMovementRecorded', data: { ...moved.data, movementId: 'm2', quantity: '5' } },
    ]));
  });

  describe('When the custodian reports sub-balances and quantity types', () => {
    it('should accept negative available and not-available balances that add up', () =>
      given([]).when(receive({ positions: [{ isin: APPLE_ISIN, quantity: '250.5', available: '300.5', notAvailable: '-50' }] })).then([
        { type: 'StatementReceived', data: { ...content, positions: [{ isin: APPLE_ISIN, quantity: '250.5', available: '300.5', notAvailable: '-50' }], receivedAt: NOW } },
      ]));
    it('should refuse a holding in face amount: it is no number of shares', () =>
      given([]).when(receive({ positions: [{ isin: APPLE_ISIN, quantity: '1000', quantityType: 'FAMT' }] })).thenThrows('QUANTITY_NOT_IN_SHARES'));
    it('should record a holding stated in units like one without a type', () =>
      given([]).when(receive({ positions: [{ isin: CSPX_ISIN, quantity: '250', quantityType: 'UNIT' }, { isin: APPLE_ISIN, quantity: '1234.5', available: '1200', notAvailable: '34.5', quantityType: 'UNIT' }] })).then([received]));
  });

  describe('When the page was recorded under an id without the account', () => {
    it('should record nothing for the same page under its new id', () => given([received]).when(receive({ statementId: 'bank-SAFE-1-STMT42-1' })).then([]));
    it('should flag other content under the id the page was recorded with', () =>
      given([received]).when(receive({ statementId: 'bank-SAFE-1-STMT42-1', positions: changedPositions }, LATER)).then([conflict]));
  });

  describe('When a page lists the accounts it reports', () => {
    const listed = { ...content, pageAccounts: ['SAFE-1', 'SAFE-1-LEND'] };
    it('should record the list with the page', () =>
      given([]).when(receive({ pageAccounts: ['SAFE-1', 'SAFE-1-LEND'] })).then([{ type: 'StatementReceived', data: { ...listed, receivedAt: NOW } }]));
    it('should record nothing when only the list differs: the holdings are the same', () => given([received]).when(receive({ pageAccounts: ['SAFE-1'] })).then([]));
    it('should refuse an account listed twice', () => given([]).when(receive({ pageAccounts: ['SAFE-1', 'SAFE-1'] })).thenThrows('INVALID_FIELD'));
  });

  describe('When a copy arrives (23G COPY or DUPL)', () => {
    const copied: CustodyEvent = { type: 'StatementReceived', data: { ...content, copy: 'DUPLICATE', receivedAt: NOW } };
    it('should record nothing when the original is known', () => given([received]).when(receive({ copy: 'COPY' })).then([]));
    it('should record it once, marked as a copy, when the original was never seen', () => given([]).when(receive({ copy: 'DUPLICATE' })).then([copied]));
    it('should record nothing when the original follows its copy', () => given([copied]).when(receive({}, LATER)).then([]));
    it('should flag a copy that states other holdings than the original', () =>
      given([received]).when(receive({ copy: 'COPY', positions: changedPositions }, LATER)).then([{ ...conflict, data: { ...conflict.data, copy: 'COPY' } }]));
    it('should refuse an unknown copy indicator', () => given([]).when(receive({ copy: 'MAYBE' as 'COPY' })).thenThrows('INVALID_FIELD'));
  });

  describe('When a cancellation names the statement (23G CANC)', () => {
    const secondPage: CustodyEvent = { type: 'StatementReceived', data: { ...content, statementId: 'bank-STMT42-2', page: 2, receivedAt: NOW } };
    const cancelled = (pages: number[]): CustodyEvent => ({
      type: 'StatementCancelled',
      data: { custodian: 'bank', account: 'SAFE-1', statementReference: 'STMT42', pages, cancellationId: 'cancel-STMT42-1', asOf: '2025-03-13', cancelledAt: LATER },
    });
    it('should withdraw every page the account recorded', () => given([received, secondPage]).when(cancel()).then([cancelled([1, 2])]));
    it('should record a cancellation that overtook its statement', () => given([]).when(cancel()).then([cancelled([])]));
    it('should record nothing for the same cancellation again', () => given([received, cancelled([1])]).when(cancel()).then([]));
    it('should not record a page of the statement after it', () => given([cancelled([])]).when(receive()).then([]));
    it('should not flag other content for a cancelled statement', () => given([received, cancelled([1])]).when(receive({ positions: changedPositions })).then([]));
    it('should leave other statements alone', () =>
      given([cancelled([])]).when(receive({ statementId: 'bank-STMT43-1', statementReference: 'STMT43' })).then([
        { type: 'StatementReceived', data: { ...content, statementId: 'bank-STMT43-1', statementReference: 'STMT43', receivedAt: NOW } },
      ]));
    it('should refuse a cancellation for another account', () => given([received]).when(cancel({ account: 'SAFE-2' })).thenThrows('WRONG_STREAM'));
    it('should refuse a cancellation without its as-of date', () => given([]).when(cancel({ asOf: '' })).thenThrows('INVALID_DATE'));
  });

  describe('When naming the stream', () => {
    it('should join custodian and account', () => expect(custodyStream('bank', 'SAFE-1')).toBe('custody-bank-SAFE-1'));
  });
});
