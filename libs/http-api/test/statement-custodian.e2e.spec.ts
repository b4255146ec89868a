import request from 'supertest';
import { ApiHarness, KEYS, startApi } from './api-harness';
import { allEvents, edited, lineOf, statementFixture } from './statement-files';
import { fourEyes } from './four-eyes';

const NO_SENDER = statementFixture('semt002/no-sender.xml');
const WITH_SENDER = statementFixture('semt002/equities-v10.xml');
const SINGLE = statementFixture('mt535/equities-single-page.txt');
const STREAM = 'custody-CUSTCHZZ-SAFE-2000';

describe('Statement upload: the custodian, every problem, and the dry run', () => {
  let api: ApiHarness;
  const http = () => request(api.app.getHttpServer());
  const upload = (name: string, content: string, fields: Record<string, string> = {}) => {
    const call = http().post('/custody/statements/upload').set('X-API-Key', KEYS.operator);
    for (const [field, value] of Object.entries(fields)) void call.field(field, value);
    return call.attach('file', Buffer.from(content), name);
  };
  const link = async (custodian: string, account: string, assetId = 'bAAPL', isin = 'US0378331005') => {
    await http().post('/assets').set('X-API-Key', KEYS.operator).send({ assetId, isin, symbol: assetId, name: assetId, initialMultiplier: '1' }).expect(201);
    await fourEyes(api.app, http().post(`/assets/${assetId}/custody-accounts`).set('X-API-Key', KEYS.operator).send({ custodian, account }));
  };

  beforeEach(async () => {
    api = await startApi();
  });
  afterEach(async () => {
    await api.close();
  });

  describe('Given a semt.002 that names no sender', () => {
    it('should take the custodian from the multipart field "custodian", in its normal form', async () => {
      const response = await upload('no-sender.xml', NO_SENDER, { custodian: 'custchzzxxx' }).expect(201);
      expect(response.body).toMatchObject({ custodian: 'CUSTCHZZ', statementReference: 'NOSENDER20240628', pages: [{ account: 'SAFE-2000', positions: 2, outcome: 'recorded' }] });
      expect((await api.store.readStream(STREAM)).map((event) => event.type)).toEqual(['StatementReceived']);
    });

    it('should take the custodian from a JSON upload', async () => {
      const response = await http().post('/custody/statements/upload').set('X-API-Key', KEYS.operator)
        .send({ fileName: 'no-sender.xml', content: Buffer.from(NO_SENDER).toString('base64'), encoding: 'base64', custodian: 'CUSTCHZZ' }).expect(201);
      expect(response.body).toMatchObject({ file: 'no-sender.xml', custodian: 'CUSTCHZZ' });
      expect(await api.store.streamVersion(STREAM)).toBe(0);
    });

    it('should take the custodian of the one link of its safekeeping account', async () => {
      await link('CUSTCHZZXXX', 'SAFE-2000');
      const response = await upload('no-sender.xml', NO_SENDER).expect(201);
      expect(response.body.custodian).toBe('CUSTCHZZ');
      expect(await api.store.streamVersion(STREAM)).toBe(0);
    });

    it('should refuse it without a custodian or a link, saying how to give one, and append nothing', async () => {
      const response = await upload('no-sender.xml', NO_SENDER).expect(400);
      expect(response.body.errors).toEqual([
        { file: 'no-sender.xml', line: 6, xpath: '/Document/SctiesBalCtdyRpt', field: 'SctiesBalCtdyRpt (custodian)', message: expect.stringMatching(/no asset links account SAFE-2000.*upload field "custodian"/) },
      ]);
      expect(await allEvents(api.store)).toEqual([]);
    });

    it('should refuse a custodian field that is no BIC with INVALID_BIC naming the field', async () => {
      const response = await upload('no-sender.xml', NO_SENDER, { custodian: 'DEMOBANKCHZZ' }).expect(400);
      expect(response.body).toMatchObject({ error: 'INVALID_BIC', message: [expect.stringMatching(/^custodian: not a BIC/)] });
    });
  });

  describe('Given a file that names its sender', () => {
    it('should refuse another custodian given, naming both, and append nothing', async () => {
      const response = await upload('holdings.xml', WITH_SENDER, { custodian: 'OTHRDEFF' }).expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'custodian', message: expect.stringMatching(/names custodian CUSTCHZZ, but custodian OTHRDEFF was given/) })]);
      expect(await allEvents(api.store)).toEqual([]);
    });

    it('should take the same custodian given as BIC8 where the file says BIC11 XXX', async () => {
      await upload('holdings.xml', WITH_SENDER, { custodian: 'CUSTCHZZ' }).expect(201);
    });
  });

  describe('Given a file with three problems', () => {
    it('should list all three in the error body, each with its line and field, and append nothing', async () => {
      const broken = edited(edited(edited(SINGLE, ':93B::AGGR//UNIT/800,25', ':93B::AGGR//UNIT/8x0,25'), ':98C::STAT//20240628173000', ':98C::STAT//20241328173000'), ':93B::AGGR//UNIT/1234,5', ':93B::AGGR//UNIT/12a4,5');
      const response = await upload('three.txt', broken).expect(400);
      expect(response.body.errors).toHaveLength(3);
      expect(response.body.errors).toEqual(expect.arrayContaining([
        expect.objectContaining({ file: 'three.txt', line: lineOf(broken, ':98C::STAT'), field: expect.stringContaining('98C') }),
        expect.objectContaining({ file: 'three.txt', line: lineOf(broken, ':93B::AGGR//UNIT/12a4,5'), field: expect.stringContaining('93B') }),
        expect.objectContaining({ file: 'three.txt', line: lineOf(broken, ':93B::AGGR//UNIT/8x0,25'), field: expect.stringContaining('93B') }),
      ]));
      expect(response.body.message.split('\n')).toHaveLength(3);
      expect(await allEvents(api.store)).toEqual([]);
    });
  });

  describe('When uploading with dryRun=true', () => {
    it('should show the positions before and after and what it would append, and append nothing', async () => {
      await link('CUSTCHZZ', 'SAFE-2000');
      const before = await allEvents(api.store);
      const response = await upload('no-sender.xml', NO_SENDER, { dryRun: 'true' }).expect(200);
      expect(response.body.appended).toEqual([expect.objectContaining({ streamId: STREAM, type: 'StatementReceived' })]);
      expect(response.body.dryRun.positions).toEqual([
        { custodian: 'CUSTCHZZ', account: 'SAFE-2000', isin: 'IE00B5BMR087', after: '800' },
        { custodian: 'CUSTCHZZ', account: 'SAFE-2000', isin: 'US0378331005', after: '1500' },
      ]);
      // 1,500 shares held against no tokens at all: the asset would be over-collateralized.
      expect(response.body.dryRun.opening).toEqual(expect.arrayContaining([expect.objectContaining({ assetId: 'bAAPL', breakType: 'over-collateralized' })]));
      expect(await allEvents(api.store)).toEqual(before);
      expect(await api.store.streamVersion(STREAM)).toBe(-1);
    });

    it('should take the query parameter too, and preview a known file as appending nothing', async () => {
      await upload('no-sender.xml', NO_SENDER, { custodian: 'CUSTCHZZ' }).expect(201);
      const count = (await allEvents(api.store)).length;
      const again = await http().post('/custody/statements/upload?dryRun=true').set('X-API-Key', KEYS.operator).field('custodian', 'CUSTCHZZ').attach('file', Buffer.from(NO_SENDER), 'no-sender.xml').expect(200);
      expect(again.body.appended).toEqual([]);
      expect(again.body.dryRun.positions).toEqual(expect.arrayContaining([{ custodian: 'CUSTCHZZ', account: 'SAFE-2000', isin: 'US0378331005', before: '1500', after: '1500' }]));
      expect(await allEvents(api.store)).toHaveLength(count);
    });
  });

  describe('When a custodian is given as BIC8 in one place and BIC11 XXX in another', () => {
    it('should store the link in the normal form once, and refuse one that is no BIC with INVALID_BIC', async () => {
      await link('CUSTCHZZXXX', 'SAFE-2000');
      const again = await fourEyes(api.app, http().post('/assets/bAAPL/custody-accounts').set('X-API-Key', KEYS.operator).send({ custodian: 'custchzz', account: 'SAFE-2000' }));
      expect(again.body.appended).toEqual([]);
      expect((await api.store.readStream('asset-bAAPL')).filter((e) => e.type === 'CustodyAccountLinked').map((e) => e.data)).toEqual([expect.objectContaining({ custodian: 'CUSTCHZZ' })]);
      const refused = await http().post('/assets/bAAPL/custody-accounts').set('X-API-Key', KEYS.operator).send({ custodian: 'DEMOBANKCHZZ', account: 'SAFE-2000' }).expect(400);
      expect(refused.body).toMatchObject({ error: 'INVALID_BIC', message: [expect.stringMatching(/^custodian: not a BIC/)] });
    });

    it('should put a normalized statement posted with BIC11 XXX on the BIC8 stream', async () => {
      await fourEyes(api.app, http().post('/custody/statements').set('X-API-Key', KEYS.operator).send({
        custodian: 'CUSTCHZZXXX', account: 'SAFE-2000', statementReference: 'S-1', page: 1, lastPage: true, asOf: '2024-06-28', basis: 'SETTLED', completeness: 'COMPLETE',
        positions: [{ isin: 'US0378331005', quantity: '10' }],
      }));
      expect(await api.store.streamVersion(STREAM)).toBe(0);
    });
  });

  describe('When a normalized statement gives its as-of as a date or as a date and time', () => {
    const post = (account: string, asOf: string) => http().post('/custody/statements').set('X-API-Key', KEYS.operator).send({
      custodian: 'CUSTCHZZ', account, statementReference: `S-${account}`, page: 1, lastPage: true, asOf, basis: 'SETTLED', completeness: 'COMPLETE',
      positions: [{ isin: 'US0378331005', quantity: '10' }],
    });
    it('should take a date and time with an offset for the date it names there', async () => {
      await fourEyes(api.app, post('SAFE-3000', '2024-06-29T23:30:00-05:00'));
      const [received] = await api.store.readStream('custody-CUSTCHZZ-SAFE-3000');
      expect(received?.data).toMatchObject({ asOf: '2024-06-29' });
    });
    it('should take a date as it is', async () => {
      await fourEyes(api.app, post('SAFE-3001', '2024-06-28'));
      expect((await api.store.readStream('custody-CUSTCHZZ-SAFE-3001'))[0]?.data).toMatchObject({ asOf: '2024-06-28' });
    });
    it('should refuse anything else with 400 naming asOf, and append nothing', async () => {
      for (const asOf of ['yesterday', '2024-06-29T23:30:00', '2024-02-30']) {
        const refused = await post('SAFE-3002', asOf).expect(400);
        expect(JSON.stringify(refused.body.message)).toContain('asOf');
      }
      expect(await api.store.streamVersion('custody-CUSTCHZZ-SAFE-3002')).toBe(-1);
    });
  });

  describe('When querying one custody account (GET /custody/accounts/:custodian/:account)', () => {
    it('should answer the links and the latest statement under BIC8 and BIC11 XXX alike', async () => {
      await link('CUSTCHZZXXX', 'SAFE-2000');
      await upload('no-sender.xml', NO_SENDER).expect(201);
      for (const custodian of ['CUSTCHZZ', 'CUSTCHZZXXX', 'custchzz']) {
        const { body } = await http().get(`/custody/accounts/${custodian}/SAFE-2000`).set('X-API-Key', KEYS.auditor).expect(200);
        expect(body).toMatchObject({
          custodian: 'CUSTCHZZ', account: 'SAFE-2000', links: [{ assetId: 'bAAPL' }],
          latestStatement: { statementReference: 'HOLDINGS|CUSTCHZZ|SAFE-2000|2024-06-28|CUST|SETT', statementDate: '2024-06-28', positions: [{ isin: 'IE00B5BMR087', quantity: '800' }, { isin: 'US0378331005', quantity: '1500' }] },
        });
      }
    });

    it('should refuse a custodian that is no BIC with INVALID_BIC naming the parameter', async () => {
      const { body } = await http().get('/custody/accounts/DEMOBANKCHZZ/SAFE-2000').set('X-API-Key', KEYS.auditor).expect(400);
      expect(body).toMatchObject({ error: 'INVALID_BIC', message: [expect.stringMatching(/^custodian: not a BIC/)] });
    });

    it('should answer 404 for an account with no link and no statement', async () => {
      await http().get('/custody/accounts/CUSTCHZZ/SAFE-9').set('X-API-Key', KEYS.auditor).expect(404);
    });
  });
});
