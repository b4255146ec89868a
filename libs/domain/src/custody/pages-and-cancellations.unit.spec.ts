import { specification } from '../testing/decider-specification';
import { APPLE_ISIN, CSPX_ISIN, meta, NOW } from '../testing/fixtures';
import { CancelStatement, CustodyCommand, ReceiveStatement } from './commands';
import { custodyDecider } from './decider';
import { CustodyEvent, StatementContent, StatementPageCancelled } from './events';

/**
 * MT535 as SWIFT sends it: every page is a message with its own 20C::SEME, the pages of one
 * statement share its key (custodian, account, date, type, basis), page n+1 links page n with
 * 20C::PREV, and a 23G CANC withdraws the message its PREV names.
 */
const { given } = specification(custodyDecider);
const KEY = 'HOLDINGS|bank|SAFE-1|2025-03-13|CUST|SETT';
const LATER = '2025-03-14T18:00:00.000Z';
const seme = (page: number) => `HOLD0313P${page}`;

type PageFields = Partial<ReceiveStatement['data']> & { page: number };
const pageContent = ({ page, ...fields }: PageFields): StatementContent => ({
  statementId: `bank-SAFE-1-${page}`, custodian: 'bank', account: 'SAFE-1', statementReference: KEY, messageReference: seme(page), page, lastPage: false,
  asOf: '2025-03-13', basis: 'SETTLED', completeness: 'COMPLETE', positions: [{ isin: APPLE_ISIN, quantity: String(100 * page) }], ...fields,
} as StatementContent);
const receive = (fields: PageFields): CustodyCommand => ({ type: 'ReceiveStatement', data: pageContent(fields), metadata: meta('file-drop', NOW) });
const received = (fields: PageFields): CustodyEvent => ({ type: 'StatementReceived', data: { ...pageContent(fields), receivedAt: NOW } });

const cancel = (cancels: string): CustodyCommand => ({
  type: 'CancelStatement',
  data: { custodian: 'bank', account: 'SAFE-1', statementReference: KEY, cancels, cancellationId: `cancel-${cancels}`, asOf: '2025-03-13' } satisfies CancelStatement['data'],
  metadata: meta('file-drop', LATER),
});
const pageCancelled = (page: number): CustodyEvent => ({
  type: 'StatementPageCancelled',
  data: { custodian: 'bank', account: 'SAFE-1', statementReference: KEY, page, messageReference: seme(page), cancellationId: `cancel-${seme(page)}`, asOf: '2025-03-13', cancelledAt: LATER } satisfies StatementPageCancelled['data'],
});

const PAGE_1 = { page: 1 };
const PAGE_2 = { page: 2, lastPage: true };

describe('Custody decider: pages with their own SEMEs, and cancellations of one message', () => {
  describe('Given pages that arrive out of order, each with its own SEME', () => {
    it('should record page 2 (LAST) before page 1, then page 1: two pages of one statement', () => {
      given([]).when(receive(PAGE_2)).then([received(PAGE_2)]);
      given([received(PAGE_2)]).when(receive(PAGE_1)).then([received(PAGE_1)]);
    });
    it('should record three pages in the order 3, 1, 2', () => {
      const three = { page: 3, lastPage: true };
      given([received(three), received(PAGE_1)]).when(receive({ page: 2 })).then([received({ page: 2 })]);
    });
  });

  describe('Given both pages were recorded', () => {
    const both = [received(PAGE_1), received(PAGE_2)];

    it('should ignore page 1 redelivered as a DUPL with the same holdings', () => given(both).when(receive({ ...PAGE_1, copy: 'DUPLICATE' })).then([]));
    it('should ignore page 1 redelivered plain with the same holdings', () => given(both).when(receive(PAGE_1)).then([]));
    it('should ignore page 1 resent under a new SEME with the same holdings: same statement key and page number', () =>
      given(both).when(receive({ ...PAGE_1, messageReference: 'HOLD0313P1-RESENT' })).then([]));
    it('should flag page 1 redelivered as a DUPL with other holdings, against the page first recorded, once', () => {
      const changed = { ...PAGE_1, copy: 'DUPLICATE' as const, positions: [{ isin: CSPX_ISIN, quantity: '7' }, { isin: APPLE_ISIN, quantity: '150' }] };
      const flagged: CustodyEvent = { type: 'ConflictingDuplicateDetected', data: { ...pageContent(changed), detectedAt: NOW } };
      given(both).when(receive(changed)).then([flagged]);
      given([...both, flagged]).when(receive(changed)).then([]);
    });
    it('should flag the same SEME on page 1 with another statement date as a conflicting delivery of page 1', () => {
      const redated = { ...PAGE_1, asOf: '2025-03-12', statementReference: 'HOLDINGS|bank|SAFE-1|2025-03-12|CUST|SETT' };
      given(both).when(receive(redated)).then([{ type: 'ConflictingDuplicateDetected', data: { ...pageContent(redated), statementId: 'bank-SAFE-1-1', detectedAt: NOW } }]);
    });

    describe('When a CANC names page 1 in its PREV', () => {
      it('should withdraw page 1 only', () => given(both).when(cancel(seme(1))).then([pageCancelled(1)]));
      it('should change nothing when the cancellation comes again', () => given([...both, pageCancelled(1)]).when(cancel(seme(1))).then([]));
      it('should not record page 1 again under its withdrawn SEME', () => given([...both, pageCancelled(1)]).when(receive(PAGE_1)).then([]));
      it('should record a replacement page 1, a new message with its own SEME', () => {
        const replacement = { ...PAGE_1, messageReference: 'HOLD0313P1-R', positions: [{ isin: APPLE_ISIN, quantity: '90' }] };
        given([...both, pageCancelled(1)]).when(receive(replacement)).then([received(replacement)]);
      });
    });

    it('should withdraw the whole statement when the CANC names the statement key', () =>
      given(both).when(cancel(KEY)).then([{
        type: 'StatementCancelled',
        data: { custodian: 'bank', account: 'SAFE-1', statementReference: KEY, pages: [1, 2], messageReferences: [KEY, seme(1), seme(2)], cancellationId: `cancel-${KEY}`, asOf: '2025-03-13', cancelledAt: LATER },
      }]));
  });

  describe('Given a statement of one page (28E 1/ONLY)', () => {
    const only = { page: 1, lastPage: true };
    const cancelled: CustodyEvent = {
      type: 'StatementCancelled',
      data: { custodian: 'bank', account: 'SAFE-1', statementReference: KEY, pages: [1], messageReferences: [seme(1)], cancellationId: `cancel-${seme(1)}`, asOf: '2025-03-13', cancelledAt: LATER },
    };
    it('should withdraw the statement when the CANC names its page', () => given([received(only)]).when(cancel(seme(1))).then([cancelled]));
    it('should record a corrected statement sent afterwards as a new message under the same key', () => {
      const corrected = { ...only, messageReference: 'HOLD0313C', positions: [{ isin: APPLE_ISIN, quantity: '120' }] };
      given([received(only), cancelled]).when(receive(corrected)).then([received(corrected)]);
    });
  });

  describe('Given a CANC of a message never seen', () => {
    const overtaking: CustodyEvent = {
      type: 'StatementCancelled',
      data: { custodian: 'bank', account: 'SAFE-1', statementReference: seme(1), pages: [], messageReferences: [seme(1)], cancellationId: `cancel-${seme(1)}`, asOf: '2025-03-13', cancelledAt: LATER },
    };
    it('should record it once', () => {
      given([]).when(cancel(seme(1))).then([overtaking]);
      given([overtaking]).when(cancel(seme(1))).then([]);
    });
    it('should not record the message when it comes after its cancellation', () => given([overtaking]).when(receive(PAGE_1)).then([]));
  });
});

describe('Custody decider: pages recorded before SEMEs were kept', () => {
  // Their statement reference was the SEME, the same on every page, and they carry no messageReference.
  const legacyContent = (page: number, lastPage: boolean): StatementContent => {
    const { messageReference: _none, ...content } = pageContent({ page, lastPage, statementReference: 'HOLD0313' });
    return content;
  };
  const old: CustodyEvent[] = [legacyContent(1, false), legacyContent(2, true)].map((data) => ({ type: 'StatementReceived', data: { ...data, receivedAt: NOW } }));
  it('should still read page 2 as a page of its own, not as page 1 again', () =>
    given(old.slice(0, 1)).when({ type: 'ReceiveStatement', data: legacyContent(2, true), metadata: meta('file-drop', NOW) }).then(old.slice(1)));
  it('should withdraw the whole statement when a CANC names its reference', () =>
    given(old).when(cancel('HOLD0313')).then([{
      type: 'StatementCancelled',
      data: { custodian: 'bank', account: 'SAFE-1', statementReference: 'HOLD0313', pages: [1, 2], messageReferences: ['HOLD0313'], cancellationId: 'cancel-HOLD0313', asOf: '2025-03-13', cancelledAt: LATER },
    }]));
});
