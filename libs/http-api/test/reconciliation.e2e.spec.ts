import request from 'supertest';
import { READ_MODELS, ReadModels } from '../src/read-side/read-models.provider';
import { ApiHarness, KEYS, startApi } from './api-harness';
import { statementFixture } from './statement-files';
import { eventually, lastBusinessDay } from './test-clock';
import { fourEyes } from './four-eyes';

jest.setTimeout(60_000);

const asset = { assetId: 'bAAPL', isin: 'US0378331005', symbol: 'bAAPL', name: 'Apple Inc.', initialMultiplier: '1' };
const TOKEN = '0x3f0c0e9c1b2a9d5e4c3b2a1f0e9d8c7b6a5f4e3d';
const TEN_TOKENS = '10000000000000000000'; // 10 × 10^18 base units

describe('Continuous reconciliation through the API', () => {
  let api: ApiHarness;
  const http = () => request(api.app.getHttpServer());
  const as = (key: string) => ({ 'X-API-Key': key });
  const queue = async (query = '') => (await http().get(`/exceptions${query}`).set(as(KEYS.operator)).expect(200)).body;

  beforeEach(async () => {
    api = await startApi();
    await http().post('/assets').set(as(KEYS.operator)).send(asset).expect(201);
    await fourEyes(api.app, http().post('/assets/bAAPL/deployments').set(as(KEYS.operator)).send({ chainId: 1, contractAddress: TOKEN, decimals: 18 }));
    await fourEyes(api.app, http().post('/assets/bAAPL/custody-accounts').set(as(KEYS.operator)).send({ custodian: 'DEMOCHZZ', account: 'SAFE-0001' }));
  });
  afterEach(async () => {
    await api.close();
  });

  const mint = async (requestId: string, logIndex: number) => {
    await http().post('/issuance/mint-requests').set(as(KEYS.operator)).send({ requestId, assetId: 'bAAPL', chainId: 1, amount: TEN_TOKENS }).expect(201);
    await http()
      .post(`/issuance/${requestId}/mints`)
      .set(as(KEYS.operator))
      .send({ chainId: 1, txHash: `0x${String(logIndex).padStart(64, 'a')}`, logIndex, amount: TEN_TOKENS, blockNumber: 100 + logIndex, blockTime: '2026-11-20T10:00:00.000Z' })
      .expect(201);
  };
  const statement = (reference: string, quantity: string) =>
    fourEyes(api.app, http()
      .post('/custody/statements')
      .set(as(KEYS.operator))
      .send({ custodian: 'DEMOCHZZ', account: 'SAFE-0001', statementReference: reference, page: 1, lastPage: true, asOf: lastBusinessDay(),
        basis: 'SETTLED', completeness: 'COMPLETE', positions: [{ isin: 'US0378331005', quantity }] }));

  it('should raise one under-collateralized exception with exact figures for tokens minted without shares behind them, and clear it when custody arrives', async () => {
    await mint('MR-1', 1);
    await statement('STMT-1', '0');
    const raised = await eventually(() => queue('?breakType=under-collateralized'), (page) => page.total === 1, 'the under-collateralized exception');
    expect(raised.items[0]).toMatchObject({ assetId: 'bAAPL', severity: 'critical', status: 'OPEN', figures: { required: '10', held: '0', difference: '-10' } });

    const detail = (await http().get(`/exceptions/${raised.items[0].exceptionId}`).set(as(KEYS.auditor)).expect(200)).body;
    expect(detail.history.map((h: { type: string }) => h.type)).toEqual(['ExceptionRaised']);
    expect(detail.evidence.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['MintedOnChain']));

    await statement('STMT-2', '10');
    const cleared = await eventually(() => queue('?breakType=under-collateralized'), (page) => page.items[0]?.status === 'CLEARED', 'the exception to clear');
    expect(cleared.total).toBe(1);
    const collateral = (await http().get('/collateralization/bAAPL').set(as(KEYS.regulator)).expect(200)).body;
    expect(collateral).toMatchObject({ requiredShares: '10', heldShares: '10', difference: '0' });
  });

  it('should answer collateralization as of a past business date by replaying the events of that time, not the live figures', async () => {
    const mintOn = async (day: string, requestId: string, logIndex: number) => {
      await http().post('/issuance/mint-requests').set(as(KEYS.operator)).send({ requestId, assetId: 'bAAPL', chainId: 1, amount: TEN_TOKENS }).expect(201);
      await http()
        .post(`/issuance/${requestId}/mints`)
        .set(as(KEYS.operator))
        .send({ chainId: 1, txHash: `0x${String(logIndex).padStart(64, 'b')}`, logIndex, amount: TEN_TOKENS, blockNumber: 200 + logIndex, blockTime: `${day}T12:00:00.000Z` })
        .expect(201);
    };
    await mintOn('2026-03-02', 'MR-A', 1);
    await mintOn('2026-03-04', 'MR-B', 2);
    const at = async (date: string) => (await http().get(`/collateralization/bAAPL?asOf=${date}`).set(as(KEYS.auditor)).expect(200)).body;
    expect(await at('2026-03-01')).toMatchObject({ requiredShares: '0', chains: [expect.objectContaining({ chainId: 1, supply: '0' })] });
    expect(await at('2026-03-03')).toMatchObject({ requiredShares: '10', chains: [expect.objectContaining({ supply: TEN_TOKENS })] });
    expect(await at('2026-03-04')).toMatchObject({ requiredShares: '20' });
    await api.caughtUp();
    expect((await http().get('/collateralization/bAAPL').set(as(KEYS.auditor)).expect(200)).body).toMatchObject({ requiredShares: '20' });
    const refused = await http().get('/collateralization/bAAPL?asOf=2026-02-30').set(as(KEYS.auditor)).expect(400);
    expect(JSON.stringify(refused.body)).toMatch(/asOf: must be a calendar date/);
  });

  it('should leave no exception open for an asset in balance: the transient ones (no statement yet) clear by themselves', async () => {
    await mint('MR-1', 1);
    await statement('STMT-1', '10');
    await api.caughtUp();
    const settled = await eventually(() => queue(), (page) => page.items.every((item: { status: string }) => item.status === 'CLEARED'), 'every exception cleared');
    expect(settled.items.filter((item: { status: string }) => item.status !== 'CLEARED')).toEqual([]);
    const collateral = (await http().get('/collateralization/bAAPL').set(as(KEYS.operator)).expect(200)).body;
    expect(collateral).toMatchObject({ requiredShares: '10', heldShares: '10', difference: '0', ratio: '1' });
  });

  it('should export the queue as CSV and refuse an unknown filter value by name', async () => {
    await mint('MR-1', 1);
    await api.settled();
    expect((await queue('?status=OPEN')).total).toBeGreaterThanOrEqual(1);
    const csv = await http().get('/exceptions/export.csv?status=OPEN').set(as(KEYS.operator)).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const [header, ...lines] = csv.text.trim().split('\r\n');
    expect(header).toBe('exceptionId,shortId,assetId,breakType,subject,subjectLabel,severity,status,ageBucket,raisedAt,slaDueAt,slaBreached,assignee,required,held,difference,resolution,approvedBy,resolvedAt,outcome,reasonCode,reopenReason');
    expect(lines.length).toBe((await queue('?status=OPEN')).total);
    const refused = await http().get('/exceptions?severity=urgent').set(as(KEYS.operator)).expect(400);
    expect(JSON.stringify(refused.body)).toMatch(/severity: urgent not one of low, medium, high, critical/);
  });

  describe('Given statement files uploaded for an account of the asset (CUSTCHZZ/SAFE-1000, 1234.5 bAAPL shares)', () => {
    const upload = (name: string, fixture: string, content = statementFixture(fixture)) =>
      http().post('/custody/statements/upload').set(as(KEYS.operator)).attach('file', Buffer.from(content), name).expect(201);
    /** The custody positions read model, as the projector wrote it. */
    const positions = async () => {
      const { dataSource, schema } = api.app.get<ReadModels>(READ_MODELS);
      return dataSource.query(`SELECT custodian, account, isin, asset_id, statement_reference, quantity::text AS quantity FROM "${schema}".custody_positions ORDER BY account, isin`);
    };
    const open = async (breakType: string) => (await queue(`?breakType=${breakType}&status=OPEN`)).items;

    beforeEach(async () => {
      await fourEyes(api.app, http().post('/assets/bAAPL/custody-accounts').set(as(KEYS.operator)).send({ custodian: 'CUSTCHZZ', account: 'SAFE-1000' }));
      await mint('MR-1', 1);
    });

    it('should show an MT535 in the custody positions read model and in the reconciliation, and a cancellation (23G CANC) withdraws it from both', async () => {
      await upload('holdings.txt', 'mt535/equities-single-page.txt');
      await api.settled();
      // A statement is known by its key (its pages each have their own SEME): custodian, account, date and time, type, basis.
      const statementKey = 'HOLDINGS|CUSTCHZZ|SAFE-1000|2024-06-28T17:30:00|CUST|SETT';
      expect(await positions()).toContainEqual({ custodian: 'CUSTCHZZ', account: 'SAFE-1000', isin: 'US0378331005', asset_id: 'bAAPL', statement_reference: statementKey, quantity: '1234.500000000000000000' });
      const over = await eventually(() => open('over-collateralized'), (items) => items.length === 1, 'the over-collateralized exception');
      expect(over[0]).toMatchObject({ figures: { required: '10', held: '1234.5', difference: '1224.5' } });

      await upload('cancel.txt', 'mt535/cancel-duplicate.txt');
      await api.settled();
      expect((await positions()).filter((row: { account: string }) => row.account === 'SAFE-1000')).toEqual([]);
      await eventually(() => open('over-collateralized'), (items) => items.length === 0, 'the over-collateralized exception to clear');
      const under = await eventually(() => open('under-collateralized'), (items) => items.length === 1, 'the under-collateralized exception it hid');
      expect(under[0]).toMatchObject({ figures: { required: '10', held: '0', difference: '-10' } });
    });

    it('should record each posting of an MT536 as a custody movement, once, and raise the ones no trade explains', async () => {
      // Moved on the last business day: movements are kept for a retention period counted back from now.
      const day = lastBusinessDay();
      const transactions = statementFixture('mt536/transactions.txt').replaceAll('20240628', day.replaceAll('-', ''));
      const first = await upload('transactions.txt', '', transactions);
      expect(first.body.movements).toEqual([
        expect.objectContaining({ account: 'SAFE-1000', isin: 'US0378331005', quantity: '250.5', movedAt: `${day}T00:00:00Z`, outcome: 'recorded' }),
        expect.objectContaining({ account: 'SAFE-1000', isin: 'US0378331005', quantity: '-16', outcome: 'recorded' }),
      ]);
      expect((await upload('transactions.txt', '', transactions)).body.appended).toEqual([]);
      await api.settled();
      const unexpected = await eventually(() => open('unexpected-custody-movement'), (items) => items.length === 2, 'two unexpected movements');
      expect(unexpected.map((item: { figures: { quantity: string } }) => item.figures.quantity).sort()).toEqual(['-16', '250.5']);
    });
  });
});
