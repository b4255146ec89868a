import request from 'supertest';
import { ApiHarness, KEYS, startApi } from './api-harness';
import { edited, statementFixture } from './statement-files';
import { lastBusinessDay } from './test-clock';
import { fourEyes } from './four-eyes';

jest.setTimeout(60_000);

const SINGLE = statementFixture('mt535/equities-single-page.txt');
const CANCEL = statementFixture('mt535/cancel-duplicate.txt');
const PAGE_1 = statementFixture('mt535/equities-multipage-p1.txt');
const PAGE_2 = statementFixture('mt535/equities-multipage-p2.txt');

interface QueueItem {
  exceptionId: string;
  assetId: string;
  breakType: string;
  status: string;
  severity: string;
  figures: Record<string, string>;
  evidenceEventIds: string[];
}

/**
 * Breaks that come from the statements themselves (custody statements "arrive late, out of order,
 * twice, split over pages, and sometimes wrong"), from the uploaded file to the exception queue.
 */
describe('Statement breaks through the API', () => {
  let api: ApiHarness;
  const http = () => request(api.app.getHttpServer());
  const as = (key: string) => ({ 'X-API-Key': key });
  const upload = (name: string, content: string) => http().post('/custody/statements/upload').set(as(KEYS.operator)).attach('file', Buffer.from(content), name).expect(201);
  const ofType = async (breakType: string): Promise<QueueItem[]> => (await http().get(`/exceptions?breakType=${breakType}`).set(as(KEYS.operator)).expect(200)).body.items;
  const detail = async (exceptionId: string) => (await http().get(`/exceptions/${exceptionId}`).set(as(KEYS.auditor)).expect(200)).body;

  beforeEach(async () => {
    api = await startApi();
    await http().post('/assets').set(as(KEYS.operator)).send({ assetId: 'bAAPL', isin: 'US0378331005', symbol: 'bAAPL', name: 'Apple Inc.', initialMultiplier: '1' }).expect(201);
  });
  afterEach(async () => {
    await api.close();
  });

  describe('Given an MT535 of CUSTCHZZ/SAFE-1000 holding 1234.5 bAAPL shares', () => {
    // The same reference and page, stating 10 more Apple shares (the sub-balances still add up).
    const RESENT = edited(edited(SINGLE, ':93B::AGGR//UNIT/1234,5', ':93B::AGGR//UNIT/1244,5'), ':93B::AVAI//UNIT/1200,', ':93B::AVAI//UNIT/1210,');

    beforeEach(async () => {
      await fourEyes(api.app, http().post('/assets/bAAPL/custody-accounts').set(as(KEYS.operator)).send({ custodian: 'CUSTCHZZ', account: 'SAFE-1000' }));
      await upload('holdings.txt', SINGLE);
    });

    it('should raise a conflicting-duplicate exception for other holdings under the same reference, with both deliveries as evidence, and keep the first one counting', async () => {
      await upload('holdings-resent.txt', RESENT);
      await api.settled();
      const [conflict, ...more] = await ofType('conflicting-duplicate');
      expect(more).toEqual([]);
      expect(conflict).toMatchObject({ assetId: 'bAAPL', severity: 'high', status: 'OPEN', figures: { original: '1234.5', conflicting: '1244.5', difference: '10', versions: '1' } });
      const { evidence } = await detail(conflict!.exceptionId);
      expect(evidence.map((event: { type: string; sourceDocument: string }) => [event.type, event.sourceDocument])).toEqual([
        ['StatementReceived', 'holdings.txt'],
        ['ConflictingDuplicateDetected', 'holdings-resent.txt'],
      ]);
      const collateral = (await http().get('/collateralization/bAAPL').set(as(KEYS.auditor)).expect(200)).body;
      expect(collateral).toMatchObject({ heldShares: '1234.5' });
    });

    it('should raise the conflicting duplicate for the instrument that changed only, not for one the redelivery states unchanged', async () => {
      await http().post('/assets').set(as(KEYS.operator)).send({ assetId: 'bCSPX', isin: 'IE00B5BMR087', symbol: 'bCSPX', name: 'iShares Core S&P 500', initialMultiplier: '1' }).expect(201);
      await fourEyes(api.app, http().post('/assets/bCSPX/custody-accounts').set(as(KEYS.operator)).send({ custodian: 'CUSTCHZZ', account: 'SAFE-1000' }));
      await upload('holdings-resent.txt', edited(RESENT, ':23G:NEWM', ':23G:NEWM/DUPL'));
      await api.settled();
      const conflicts = await ofType('conflicting-duplicate');
      expect(conflicts.map((item) => [item.assetId, item.figures['original'], item.figures['conflicting']])).toEqual([['bAAPL', '1234.5', '1244.5']]);
    });

    it('should raise nothing for the same holdings delivered again', async () => {
      await upload('holdings-again.txt', SINGLE);
      await api.settled();
      expect(await ofType('conflicting-duplicate')).toEqual([]);
    });

    it('should clear the conflicting-duplicate exception when the custodian cancels the statement', async () => {
      await upload('holdings-resent.txt', RESENT);
      await api.settled();
      expect((await ofType('conflicting-duplicate')).map((item) => item.status)).toEqual(['OPEN']);
      await upload('cancel.txt', CANCEL);
      await api.settled();
      expect((await ofType('conflicting-duplicate')).map((item) => item.status)).toEqual(['CLEARED']);
    });

    // MT535: a correction is a CANC of the message (PREV its SEME) and a new message with a new SEME;
    // a new SEME alone under the same statement and page number is that page delivered again.
    it('should clear the conflicting-duplicate exception when the statement is cancelled and a corrected one sent as a new message', async () => {
      await upload('holdings-resent.txt', RESENT);
      await api.settled();
      await upload('cancel.txt', CANCEL);
      await upload('holdings-corrected.txt', edited(RESENT, ':20C::SEME//HOLD20240628', ':20C::SEME//HOLD20240628C'));
      await api.settled();
      expect((await ofType('conflicting-duplicate')).map((item) => item.status)).toEqual(['CLEARED']);
      const collateral = (await http().get('/collateralization/bAAPL').set(as(KEYS.auditor)).expect(200)).body;
      expect(collateral).toMatchObject({ heldShares: '1244.5' });
    });
  });

  describe('Given an MT536 of CUSTCHZZ/SAFE-1000: 250.5 Apple shares received, 16 delivered', () => {
    // Moved on the last weekday: movements are kept for a retention period counted back from now.
    const movedOn = lastBusinessDay().replaceAll('-', '');
    const TRANSACTIONS = statementFixture('mt536/transactions.txt').replaceAll('20240628', movedOn);
    // The same reference and page, delivering 20 instead of 16 (the closing balance follows).
    const RESENT = edited(edited(TRANSACTIONS, ':36B::PSTA//UNIT/16,', ':36B::PSTA//UNIT/20,'), ':93B::FICL//UNIT/1234,5', ':93B::FICL//UNIT/1230,5');
    // 23G CANC of the same reference (TXN20240628): the custodian withdraws the statement.
    const CANCEL_TRANSACTIONS = statementFixture('mt536/cancel.txt').replaceAll('20240628', movedOn);

    beforeEach(async () => {
      await fourEyes(api.app, http().post('/assets/bAAPL/custody-accounts').set(as(KEYS.operator)).send({ custodian: 'CUSTCHZZ', account: 'SAFE-1000' }));
      await upload('transactions.txt', TRANSACTIONS);
    });

    it('should take none of a re-delivery with other postings and raise a conflicting-duplicate exception with both deliveries as evidence', async () => {
      const resent = await upload('transactions-resent.txt', RESENT);
      expect(resent.body.movements.map((m: { quantity: string; outcome: string }) => [m.quantity, m.outcome])).toEqual([['250.5', 'conflicting-duplicate'], ['-20', 'conflicting-duplicate']]);
      expect(resent.body.appended.map((event: { type: string }) => event.type)).toEqual(['ConflictingTransactionsDetected']);
      // Flagged once: the same conflicting file again adds nothing.
      expect((await upload('transactions-resent.txt', RESENT)).body.appended).toEqual([]);
      await api.settled();
      const [conflict, ...more] = await ofType('conflicting-duplicate');
      expect(more).toEqual([]);
      expect(conflict).toMatchObject({ assetId: 'bAAPL', severity: 'high', status: 'OPEN', figures: { original: '234.5', conflicting: '230.5', difference: '-4', versions: '1' } });
      const { evidence } = await detail(conflict!.exceptionId);
      expect(evidence.map((event: { type: string; sourceDocument: string }) => [event.type, event.sourceDocument])).toEqual([
        ['CustodyMovementRecorded', 'transactions.txt'],
        ['CustodyMovementRecorded', 'transactions.txt'],
        ['ConflictingTransactionsDetected', 'transactions-resent.txt'],
      ]);
      // The first delivery's movements still count, and only they.
      const unexpected = await ofType('unexpected-custody-movement');
      expect(unexpected.map((item) => item.figures['quantity']).sort()).toEqual(['-16', '250.5']);
    });

    it('should clear the unexpected-custody-movement exceptions its postings raised when the custodian cancels it, and change nothing when the cancellation comes again', async () => {
      await api.settled();
      const raised = await ofType('unexpected-custody-movement');
      expect(raised.map((item) => [item.figures['quantity'], item.status]).sort()).toEqual([['-16', 'OPEN'], ['250.5', 'OPEN']]);

      const cancelled = await upload('transactions-cancel.txt', CANCEL_TRANSACTIONS);
      expect(cancelled.body).toMatchObject({ format: 'MT536', function: 'CANCEL', movements: [], cancellations: [{ account: 'SAFE-1000', outcome: 'cancelled' }] });
      expect(cancelled.body.appended.map((event: { type: string }) => event.type)).toEqual(['TransactionsCancelled']);
      await api.settled();
      const cleared = await ofType('unexpected-custody-movement');
      expect(cleared.map((item) => [item.exceptionId, item.status]).sort()).toEqual(raised.map((item) => [item.exceptionId, 'CLEARED']).sort());

      const again = await upload('transactions-cancel.txt', CANCEL_TRANSACTIONS);
      expect(again.body).toMatchObject({ appended: [], cancellations: [{ account: 'SAFE-1000', outcome: 'unchanged' }] });
      // The statement itself delivered after its cancellation is not recorded either.
      expect((await upload('transactions.txt', TRANSACTIONS)).body.appended).toEqual([]);
      await api.settled();
      expect(await ofType('unexpected-custody-movement')).toEqual(cleared);
    });

    it('should clear the conflicting-duplicate exception when the custodian cancels the statement of transactions', async () => {
      await upload('transactions-resent.txt', RESENT);
      await api.settled();
      expect((await ofType('conflicting-duplicate')).map((item) => item.status)).toEqual(['OPEN']);
      await upload('transactions-cancel.txt', CANCEL_TRANSACTIONS);
      await api.settled();
      expect((await ofType('conflicting-duplicate')).map((item) => item.status)).toEqual(['CLEARED']);
    });
  });

  describe('Given page 1 of a two-page MT535 of CUSTCHZZ/SAFE-2000', () => {
    const missingPage = async () => (await ofType('stale-missing-statement')).filter((item) => item.figures['pagesReceived'] !== undefined);
    const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000);

    beforeEach(async () => {
      await fourEyes(api.app, http().post('/assets/bAAPL/custody-accounts').set(as(KEYS.operator)).send({ custodian: 'CUSTCHZZ', account: 'SAFE-2000' }));
      await upload('p1.txt', PAGE_1);
    });

    it('should raise no missing-page exception while the two-hour window runs', async () => {
      await api.sweepAt(hoursFromNow(1));
      expect(await missingPage()).toEqual([]);
    });

    it('should raise a missing-page exception once the window has passed, and clear it when the missing page arrives', async () => {
      await api.sweepAt(hoursFromNow(3));
      const [raised, ...more] = await missingPage();
      expect(more).toEqual([]);
      // Page 1 says MORE: the last page is not known yet, so only what arrived is counted.
      expect(raised).toMatchObject({ assetId: 'bAAPL', status: 'OPEN', severity: 'medium', figures: { pagesReceived: '1' } });
      const { evidence } = await detail(raised!.exceptionId);
      expect(evidence.map((event: { type: string; sourceDocument: string; data: { page: number } }) => [event.type, event.sourceDocument, event.data.page])).toEqual([
        ['StatementReceived', 'p1.txt', 1],
      ]);

      await upload('p2.txt', PAGE_2);
      await api.sweepAt(hoursFromNow(3));
      expect((await missingPage()).map((item) => [item.exceptionId, item.status])).toEqual([[raised!.exceptionId, 'CLEARED']]);
    });
  });
});
