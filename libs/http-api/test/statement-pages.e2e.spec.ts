import request from 'supertest';
import { ApiHarness, KEYS, startApi } from './api-harness';
import { edited, statementFixture } from './statement-files';
import { fourEyes } from './four-eyes';

jest.setTimeout(90_000);

/**
 * A statement over several pages as SWIFT sends it, from upload to holdings and exceptions. The
 * public prowide sample is page 5 of a statement (28E 00005/MORE) whose custodian numbers each
 * page's SEME (ICF275060914 + 0005): every page is a message of its own, and the pages share the
 * statement key (FOOBARXX, safekeeping account F275, 2006-09-13, CUST, TRAD). The other pages are
 * made from it, each linking the page before with 20C::PREV (MT535 sequence A1). Its bonds are
 * stated by local codes in face amount, which the domain does not take as shares, so each page
 * here holds 10 Apple shares instead.
 */
const PROWIDE = statementFixture('mt535/prowide-bonds-subbal.txt');
const LAST_PAGE = 6;
const seme = (page: number, date = '060914') => `ICF275${date}${String(page).padStart(4, '0')}`;
const APPLE_LINES = ':16R:SUBSAFE\n:16R:FIN\n:35B:ISIN US0378331005\nAPPLE INC\n:93B::AGGR//UNIT/10,\n:16S:FIN\n:16S:SUBSAFE\n-}';

/** The sample's header and GENL with this page's number, SEME and link, and 10 Apple shares. */
function pageOf(page: number, { last = page === LAST_PAGE, messageReference = seme(page), statementDate = '20060913' } = {}): string {
  const header = PROWIDE.slice(0, PROWIDE.indexOf(':16R:SUBSAFE'));
  const link = page > 1 ? `:16R:LINK\n:20C::PREV//${seme(page - 1)}\n:16S:LINK\n:16S:GENL` : ':16S:GENL';
  let text = edited(header, ':28E:00005/MORE', `:28E:${String(page).padStart(5, '0')}/${last ? (page === 1 ? 'ONLY' : 'LAST') : 'MORE'}`);
  text = edited(text, ':20C::SEME//ICF2750609140005', `:20C::SEME//${messageReference}`);
  text = edited(text, ':98A::STAT//20060913', `:98A::STAT//${statementDate}`);
  return `${edited(text, ':16S:GENL', link)}${APPLE_LINES}`;
}

/** 23G CANC of one message, a message of its own (SEME at most 16 characters): MT535's network rules require the LINK whose PREV names it. */
const cancellationOf = (cancelled: string) =>
  edited(edited(edited(pageOf(1, { last: true, messageReference: `ICF275CANC${cancelled.slice(-4)}` }), ':23G:NEWM', ':23G:CANC'), ':16S:GENL', `:16R:LINK\n:20C::PREV//${cancelled}\n:16S:LINK\n:16S:GENL`), APPLE_LINES, '-}');

const KEY = 'HOLDINGS|FOOBARXX|F275|2006-09-13|CUST|TRAD';

describe('A statement of several pages, each with its own SEME, through upload, holdings and exceptions', () => {
  let api: ApiHarness;
  const http = () => request(api.app.getHttpServer());
  const as = (key: string) => ({ 'X-API-Key': key });
  const upload = async (name: string, content: string) => (await http().post('/custody/statements/upload').set(as(KEYS.operator)).attach('file', Buffer.from(content), name).expect(201)).body;
  const heldShares = async () => {
    await api.settled();
    return (await http().get('/collateralization/bAAPL').set(as(KEYS.auditor)).expect(200)).body.heldShares;
  };
  const missingPage = async () =>
    ((await http().get('/exceptions?breakType=stale-missing-statement').set(as(KEYS.operator)).expect(200)).body.items as Array<{ exceptionId: string; status: string; figures: Record<string, string> }>)
      .filter((item) => item.figures['pagesReceived'] !== undefined);
  const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000);

  beforeEach(async () => {
    api = await startApi();
    await http().post('/assets').set(as(KEYS.operator)).send({ assetId: 'bAAPL', isin: 'US0378331005', symbol: 'bAAPL', name: 'Apple Inc.', initialMultiplier: '1' }).expect(201);
    await fourEyes(api.app, http().post('/assets/bAAPL/custody-accounts').set(as(KEYS.operator)).send({ custodian: 'FOOBARXX', account: 'F275' }));
    // The complete statement of the day before: one page, 10 shares.
    await upload('0912.txt', pageOf(1, { last: true, messageReference: seme(1, '060913'), statementDate: '20060912' }));
  });
  afterEach(async () => {
    await api.close();
  });

  describe('Given every page but page 3, out of order', () => {
    beforeEach(async () => {
      for (const page of [6, 1, 5, 2, 4]) await upload(`p${page}.txt`, pageOf(page));
    });

    it('should report each page under the statement key with its own SEME, and page 3 missing', async () => {
      const again = await upload('p4-dupl.txt', edited(pageOf(4), ':23G:NEWM', ':23G:NEWM/DUPL'));
      expect(again).toMatchObject({ statementKey: KEY, messageReference: seme(4), copy: 'DUPLICATE', pages: [{ outcome: 'unchanged' }] });
      expect(again.assembly).toMatchObject({ received: [1, 2, 4, 5, 6], lastPage: 6, missing: [3], withdrawn: [], complete: false });
    });

    it('should keep the complete statement of the day before as the holdings', async () => expect(await heldShares()).toBe('10'));

    it('should raise a missing-page exception naming page 3 once the window has passed, and clear it when page 3 arrives', async () => {
      await api.sweepAt(hoursFromNow(3));
      const [raised, ...more] = await missingPage();
      expect(more).toEqual([]);
      // The missing page is named by a figure of its own: missingPage3.
      expect(raised).toMatchObject({ status: 'OPEN', figures: { pagesReceived: '5', expectedPages: '6', missingPages: '1', missingPage3: '3' } });

      const completed = await upload('p3.txt', pageOf(3));
      expect(completed.assembly).toMatchObject({ received: [1, 2, 3, 4, 5, 6], missing: [], complete: true });
      expect(await heldShares()).toBe('60');
      await api.sweepAt(hoursFromNow(3));
      expect((await missingPage()).map((item) => [item.exceptionId, item.status])).toEqual([[raised!.exceptionId, 'CLEARED']]);
    });
  });

  describe('Given the complete statement, then a CANC whose PREV names page 3', () => {
    beforeEach(async () => {
      for (const page of [1, 2, 3, 4, 5, 6]) await upload(`p${page}.txt`, pageOf(page));
    });

    it('should withdraw page 3 only: the statement is incomplete again and the holdings go back to the day before, until a replacement page 3 comes', async () => {
      expect(await heldShares()).toBe('60');
      const cancelled = await upload('cancel-p3.txt', cancellationOf(seme(3)));
      expect(cancelled).toMatchObject({ function: 'CANCEL', cancels: seme(3), cancellations: [{ account: 'F275', outcome: 'page-withdrawn' }] });
      expect(cancelled.assembly).toMatchObject({ received: [1, 2, 4, 5, 6], missing: [3], withdrawn: [3], complete: false, cancelled: false });
      expect(await heldShares()).toBe('10');

      expect((await upload('cancel-p3-again.txt', cancellationOf(seme(3)))).appended).toEqual([]);
      expect((await upload('p3-again.txt', pageOf(3))).appended).toEqual([]);

      const replaced = await upload('p3-replacement.txt', pageOf(3, { messageReference: 'ICF275060914R003' }));
      expect(replaced.assembly).toMatchObject({ missing: [], withdrawn: [], complete: true });
      expect(await heldShares()).toBe('60');
    });
  });
});
