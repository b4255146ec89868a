import request from 'supertest';
import { ApiHarness, KEYS, startApi } from './api-harness';
import { allEvents, edited, lineOf, statementFixture } from './statement-files';
import { fourEyes } from './four-eyes';

const SINGLE = statementFixture('mt535/equities-single-page.txt');
const PAGE_1 = statementFixture('mt535/equities-multipage-p1.txt');
const PAGE_2 = statementFixture('mt535/equities-multipage-p2.txt');
const OWN = 'custody-CUSTCHZZ-SAFE-1000';
const TRADING = 'custody-CUSTCHZZ-SAFE-1000-TRD';

describe('Statement upload (POST /custody/statements/upload)', () => {
  let api: ApiHarness;
  const upload = (name: string, content: string, key: string = KEYS.operator) =>
    request(api.app.getHttpServer()).post('/custody/statements/upload').set('X-API-Key', key).attach('file', Buffer.from(content), name);
  const stream = async (streamId: string) => (await api.store.readStream(streamId)).map(({ type, data }) => ({ type, data: data as Record<string, unknown> }));

  beforeEach(async () => {
    api = await startApi();
  });
  afterEach(async () => {
    await api.close();
  });

  describe.each([
    ['MT535', 'mt535/equities-single-page.txt'],
    ['MT535 with CRLF line ends', 'mt535/equities-single-page.crlf.txt'],
    ['semt.002.001.10', 'semt002/equities-v10.xml'],
    ['semt.002.001.11', 'semt002/equities-v11.xml'],
    ['CSV under the standard header', 'csv/standard-header.csv'],
  ])('Given the holdings of 2024-06-28 as %s', (_format, fixture) => {
    it('should record a page per account with its positions, the file as source document, and answer what it appended', async () => {
      const response = await upload(fixture.split('/')[1]!, statementFixture(fixture)).expect(201);
      expect(response.body).toMatchObject({
        custodian: 'CUSTCHZZ', statementReference: 'HOLD20240628', page: 1, lastPage: true, function: 'NEW',
        pages: [
          { account: 'SAFE-1000', positions: 2, outcome: 'recorded', filledIn: false },
          { account: 'SAFE-1000-TRD', positions: 1, outcome: 'recorded', filledIn: false },
        ],
        assembly: { received: [1], lastPage: 1, missing: [], complete: true, accounts: ['SAFE-1000', 'SAFE-1000-TRD'], cancelled: false },
      });
      expect(response.body.appended.map((event: { type: string }) => event.type)).toEqual(['StatementReceived', 'StatementReceived']);
      const [own] = await api.store.readStream(OWN);
      expect(own?.metadata).toMatchObject({ sourceDocument: fixture.split('/')[1], actor: 'dev-operator' });
      expect(own?.data).toMatchObject({
        account: 'SAFE-1000', statementId: response.body.pages[0].statementId, asOf: '2024-06-28', basis: 'SETTLED', completeness: 'COMPLETE',
        pageAccounts: ['SAFE-1000', 'SAFE-1000-TRD'],
        positions: [{ isin: 'IE00B5BMR087', quantity: '800.25' }, { isin: 'US0378331005', quantity: '1234.5', available: '1200', notAvailable: '34.5' }],
      });
      // toMatchObject: the sub-balances (93C, BalBrkdwn) go with the positions of the formats that report them; positions.e2e reads them back.
      expect((await stream(TRADING))[0]?.data.positions).toMatchObject([{ isin: 'US5949181045', quantity: '50.2', available: '50.2' }]);
    });
  });

  describe('Given a statement already ingested', () => {
    it('should append nothing for the same file again, nor for the same holdings in another format', async () => {
      await upload('holdings.txt', SINGLE).expect(201);
      const before = (await allEvents(api.store)).length;
      for (const [name, fixture] of [['holdings.txt', 'mt535/equities-single-page.txt'], ['holdings.xml', 'semt002/equities-v11.xml'], ['holdings.csv', 'csv/standard-header.csv']]) {
        const again = await upload(name!, statementFixture(fixture!)).expect(201);
        expect(again.body.appended).toEqual([]);
        expect(again.body.pages.map((page: { outcome: string }) => page.outcome)).toEqual(['unchanged', 'unchanged']);
      }
      expect(await allEvents(api.store)).toHaveLength(before);
    });

    it('should record other holdings under the same reference as a conflicting duplicate, and keep the first', async () => {
      await upload('holdings.txt', SINGLE).expect(201);
      const resent = edited(SINGLE, ':93B::AGGR//UNIT/800,25', ':93B::AGGR//UNIT/900,');
      const changed = await upload('holdings-resent.txt', resent).expect(201);
      expect(changed.body.pages.map((page: { outcome: string }) => page.outcome)).toEqual(['conflicting-duplicate', 'unchanged']);
      const own = await stream(OWN);
      expect(own.map((event) => event.type)).toEqual(['StatementReceived', 'ConflictingDuplicateDetected']);
      expect(own[1]?.data.statementId).toBe(own[0]?.data.statementId);
      expect(own[1]?.data.positions).toContainEqual({ isin: 'IE00B5BMR087', quantity: '900' });
      // Flagged once: the same conflicting file again adds nothing.
      expect((await upload('holdings-resent.txt', resent).expect(201)).body.appended).toEqual([]);
    });
  });

  describe('Given a cancellation (23G CANC)', () => {
    const CANCEL = statementFixture('mt535/cancel-duplicate.txt');

    it('should withdraw the statement from every account it reported', async () => {
      await upload('holdings.txt', SINGLE).expect(201);
      const response = await upload('cancel.txt', CANCEL).expect(201);
      expect(response.body).toMatchObject({
        function: 'CANCEL', copy: 'DUPLICATE',
        cancellations: [{ account: 'SAFE-1000', outcome: 'cancelled' }, { account: 'SAFE-1000-TRD', outcome: 'cancelled' }],
        assembly: { cancelled: true },
      });
      for (const streamId of [OWN, TRADING]) {
        const events = await stream(streamId);
        expect(events.map((event) => event.type)).toEqual(['StatementReceived', 'StatementCancelled']);
        // The statement is known by its key; the message withdrawn is the one the CANC's PREV names.
        expect(events[1]?.data).toMatchObject({ statementReference: 'HOLDINGS|CUSTCHZZ|SAFE-1000|2024-06-28T17:30:00|CUST|SETT', messageReferences: ['HOLD20240628'], pages: [1], asOf: '2024-06-28' });
      }
      expect((await upload('cancel.txt', CANCEL).expect(201)).body.appended).toEqual([]);
    });

    it('should record a cancellation that overtakes its statement, and then take none of the statement', async () => {
      await upload('cancel.txt', CANCEL).expect(201);
      const late = await upload('holdings.txt', SINGLE).expect(201);
      expect(late.body.pages.map((page: { outcome: string }) => page.outcome)).toEqual(['withdrawn', 'withdrawn']);
      expect((await stream(OWN)).map((event) => event.type)).toEqual(['StatementCancelled']);
      expect((await stream(TRADING)).map((event) => event.type)).toEqual(['StatementCancelled']);
    });
  });

  describe('Given a copy (23G NEWM/COPY)', () => {
    const COPY = edited(SINGLE, ':23G:NEWM', ':23G:NEWM/COPY');

    it('should add nothing when the original is known', async () => {
      await upload('holdings.txt', SINGLE).expect(201);
      expect((await upload('holdings-copy.txt', COPY).expect(201)).body.appended).toEqual([]);
    });

    it('should record it once, marked as a copy, when the original was never seen; the original then adds nothing', async () => {
      await upload('holdings-copy.txt', COPY).expect(201);
      expect((await stream(OWN))[0]?.data.copy).toBe('COPY');
      expect((await upload('holdings.txt', SINGLE).expect(201)).body.appended).toEqual([]);
    });
  });

  describe('Given a statement over two pages whose lending sub-account is on page 1 only', () => {
    it.each([
      ['in order', [['p1.txt', PAGE_1], ['p2.txt', PAGE_2]]],
      ['last page first', [['p2.txt', PAGE_2], ['p1.txt', PAGE_1]]],
    ])('should give every account both pages once both arrived (%s)', async (_order, files) => {
      const [first, second] = files as Array<[string, string]>;
      const partial = await upload(...first!).expect(201);
      expect(partial.body.assembly.complete).toBe(false);
      const done = await upload(...second!).expect(201);
      expect(done.body.assembly).toMatchObject({ received: [1, 2], lastPage: 2, missing: [], complete: true, accounts: ['SAFE-2000', 'SAFE-2000-LEND'] });
      const pages = async (account: string) => (await stream(`custody-CUSTCHZZ-${account}`)).map(({ data }) => [data.page, data.lastPage, (data.positions as unknown[]).length]);
      expect((await pages('SAFE-2000')).sort()).toEqual([[1, false, 2], [2, true, 2]]);
      expect((await pages('SAFE-2000-LEND')).sort()).toEqual([[1, false, 1], [2, true, 0]]);
      const [tesla] = ((await stream('custody-CUSTCHZZ-SAFE-2000')).find(({ data }) => data.page === 1)?.data.positions as Array<Record<string, string>>).filter((p) => p.isin === 'US88160R1014');
      expect(tesla).toEqual({ isin: 'US88160R1014', quantity: '250.5', available: '300.5', notAvailable: '-50', subBalances: [{ code: 'PEND', quantity: '-50', availability: 'NOT_AVAILABLE' }] });
      const before = (await allEvents(api.store)).length;
      await upload(...first!).expect(201);
      await upload(...second!).expect(201);
      expect(await allEvents(api.store)).toHaveLength(before);
    });
  });

  describe('Given a negative holding on a complete statement', () => {
    it('should record it as stated, in MT535 (N) and in semt.002 (ShrtLngInd SHOR): the reconciler judges it', async () => {
      await upload('p1.txt', PAGE_1).expect(201);
      const lending = (await stream('custody-CUSTCHZZ-SAFE-2000-LEND'))[0]?.data.positions;
      expect(lending).toEqual([expect.objectContaining({ isin: 'CH0038863350', quantity: '-75.25' })]);
      const short = statementFixture('semt002/equities-v10.xml').replace(/(<ISIN>IE00B5BMR087<\/ISIN>[\s\S]*?<ShrtLngInd>)LONG/, '$1SHOR');
      await upload('short.xml', edited(short, 'HOLD20240628', 'HOLD20240628-SHORT')).expect(201);
      const own = await stream(OWN);
      expect(own[0]?.data.positions).toContainEqual({ isin: 'IE00B5BMR087', quantity: '-800.25' });
    });
  });

  describe('When the file is bad', () => {
    it('should answer 400 naming the file, line and field of a malformed quantity, and append nothing', async () => {
      const response = await upload('broken.txt', edited(SINGLE, ':93B::AGGR//UNIT/800,25', ':93B::AGGR//UNIT/8x0,25')).expect(400);
      expect(response.body.errors).toEqual([
        expect.objectContaining({ file: 'broken.txt', line: lineOf(SINGLE, ':93B::AGGR//UNIT/800,25'), field: expect.stringContaining('93B') }),
      ]);
      expect(response.body.errors[0].message).toMatch(/not a decimal quantity/);
      expect(await allEvents(api.store)).toEqual([]);
    });

    it('should answer 400 with the XPath of a bad element in a semt.002 report, and append nothing', async () => {
      const response = await upload('broken.xml', edited(statementFixture('semt002/equities-v10.xml'), '<Unit>800.25</Unit>', '<Unit>800,25</Unit>')).expect(400);
      expect(response.body.errors[0]).toMatchObject({ file: 'broken.xml', xpath: expect.stringMatching(/BalForAcct\[2\]\/AggtBal/) });
      expect(await allEvents(api.store)).toEqual([]);
    });

    it('should name the aggregate balance when the sub-balances do not add up to it', async () => {
      const response = await upload('holdings.txt', edited(SINGLE, ':93B::AGGR//UNIT/1234,5', ':93B::AGGR//UNIT/1300,')).expect(400);
      expect(response.body.errors).toEqual([
        { file: 'holdings.txt', line: lineOf(SINGLE, ':93B::AGGR//UNIT/1234,5'), field: '93B::AGGR (aggregate balance)', message: expect.stringMatching(/differs from the holding 1300/) },
      ]);
      expect(await allEvents(api.store)).toEqual([]);
    });

    it('should name the line of a position of a sub-safekeeping account in a CSV export', async () => {
      const csv = statementFixture('csv/standard-header.csv');
      const response = await upload('holdings.csv', edited(csv, 'UNIT,50.2,50.2,', 'UNIT,50.2,40,5')).expect(400);
      expect(response.body.errors).toEqual([{ file: 'holdings.csv', line: 4, field: 'aggregate (column "aggregate")', message: expect.stringMatching(/US5949181045/) }]);
    });

    it('should give the XPath of a semt.002 balance the domain refuses, and append nothing', async () => {
      const v10 = statementFixture('semt002/equities-v10.xml');
      const inconsistent = edited(v10, '<Unit>1200</Unit>', '<Unit>1300</Unit>');
      const response = await upload('inconsistent.xml', inconsistent).expect(400);
      expect(response.body.errors).toEqual([
        { file: 'inconsistent.xml', line: lineOf(inconsistent, '<AggtBal>', 'US0378331005'), xpath: '/Document/SctiesBalCtdyRpt/BalForAcct[1]/AggtBal', field: 'AggtBal (aggregate balance)', message: expect.stringMatching(/differs from the holding 1234.5/) },
      ]);
      expect(await allEvents(api.store)).toEqual([]);
    });

    it('should answer 400 for content of no known format, naming line 1', async () => {
      const response = await upload('notes.txt', 'hello\n').expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ file: 'notes.txt', line: 1, field: 'format' })]);
    });

    it('should answer 400 without a file', async () => {
      await request(api.app.getHttpServer()).post('/custody/statements/upload').set('X-API-Key', KEYS.operator).expect(400);
    });
  });

  describe('When a client reads the API description', () => {
    it('should find the upload as a multipart form or a JSON body, with its answers', async () => {
      const { body } = await request(api.app.getHttpServer()).get('/docs/openapi.json').expect(200);
      const route = body.paths['/custody/statements/upload'].post;
      expect(Object.keys(route.requestBody.content)).toEqual(['multipart/form-data', 'application/json']);
      expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(['200', '201', '400']));
    });
  });

  describe('When the caller is no operator', () => {
    it('should answer 403 and append nothing', async () => {
      await upload('holdings.txt', SINGLE, KEYS.auditor).expect(403);
      expect(await allEvents(api.store)).toEqual([]);
    });
  });

  describe('When the statement names an asset the system knows', () => {
    it('should show the holding in the collateralization read model', async () => {
      const http = () => request(api.app.getHttpServer());
      await http().post('/assets').set('X-API-Key', KEYS.operator).send({ assetId: 'bAAPL', isin: 'US0378331005', symbol: 'bAAPL', name: 'Apple Inc.', initialMultiplier: '1' }).expect(201);
      await fourEyes(api.app, http().post('/assets/bAAPL/custody-accounts').set('X-API-Key', KEYS.operator).send({ custodian: 'CUSTCHZZ', account: 'SAFE-1000' }));
      await upload('holdings.txt', SINGLE).expect(201);
      await api.caughtUp();
      const view = await http().get('/collateralization/bAAPL').set('X-API-Key', KEYS.auditor).expect(200);
      expect(view.body).toMatchObject({ heldShares: '1234.5', lastStatementDate: expect.stringContaining('2024-06-28') });
    });
  });
});
