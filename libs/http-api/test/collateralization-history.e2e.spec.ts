import request from 'supertest';
import { ApiHarness, KEYS, startApi } from './api-harness';
import { fourEyes } from './four-eyes';

jest.setTimeout(60_000);

const asset = { assetId: 'bAAPL', isin: 'US0378331005', symbol: 'bAAPL', name: 'Apple Inc.', initialMultiplier: '1' };
const TOKEN = '0x3f0c0e9c1b2a9d5e4c3b2a1f0e9d8c7b6a5f4e3d';
const TEN_TOKENS = '10000000000000000000';

/**
 * GET /collateralization/history reads the history read model: the figures per asset as known at the
 * end of each day on which events were recorded, carried over days without any. The store's clock is
 * moved so that the events are recorded on the days of the story.
 */
describe('Collateralization history through the API', () => {
  let api: ApiHarness;
  let now = Date.parse('2026-03-02T09:00:00.000Z');
  const http = () => request(api.app.getHttpServer());
  const as = (key: string) => ({ 'X-API-Key': key });
  const mint = async (requestId: string, logIndex: number, blockTime: string) => {
    await http().post('/issuance/mint-requests').set(as(KEYS.operator)).send({ requestId, assetId: 'bAAPL', chainId: 1, amount: TEN_TOKENS }).expect(201);
    await http().post(`/issuance/${requestId}/mints`).set(as(KEYS.operator))
      .send({ chainId: 1, txHash: `0x${String(logIndex).padStart(64, 'c')}`, logIndex, amount: TEN_TOKENS, blockNumber: 300 + logIndex, blockTime }).expect(201);
  };

  beforeAll(async () => {
    api = await startApi({}, { clock: () => new Date(now) });
    await http().post('/assets').set(as(KEYS.operator)).send(asset).expect(201);
    await fourEyes(api.app, http().post('/assets/bAAPL/deployments').set(as(KEYS.operator)).send({ chainId: 1, contractAddress: TOKEN, decimals: 18 }));
    await fourEyes(api.app, http().post('/assets/bAAPL/custody-accounts').set(as(KEYS.operator)).send({ custodian: 'DEMOCHZZ', account: 'SAFE-0001' }));
    await mint('MR-1', 1, '2026-03-02T08:00:00.000Z');
    await fourEyes(api.app, http().post('/custody/statements').set(as(KEYS.operator)).send({
      custodian: 'DEMOCHZZ', account: 'SAFE-0001', statementReference: 'STMT-1', page: 1, lastPage: true, asOf: '2026-03-02',
      basis: 'SETTLED', completeness: 'COMPLETE', positions: [{ isin: 'US0378331005', quantity: '10' }],
    }));
    now = Date.parse('2026-03-04T15:00:00.000Z');
    await mint('MR-2', 2, '2026-03-04T14:00:00.000Z');
    await api.settled();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('should answer every day of the range from the read model, carrying the figures over days without events', async () => {
    const { body } = await http().get('/collateralization/history?from=2026-03-01&to=2026-03-05').set(as(KEYS.regulator)).expect(200);
    expect(body.from).toBe('2026-03-01');
    expect(body.to).toBe('2026-03-05');
    expect(body.assets).toHaveLength(1);
    expect(body.assets[0].points.map((p: Record<string, string | null>) => [p.date, p.recordedDate, p.requiredShares, p.heldShares, p.difference, p.ratio])).toEqual([
      ['2026-03-01', null, null, null, null, null],
      ['2026-03-02', '2026-03-02', '10', '10', '0', '1'],
      ['2026-03-03', '2026-03-02', '10', '10', '0', '1'],
      ['2026-03-04', '2026-03-04', '20', '10', '-10', '0.5'],
      ['2026-03-05', '2026-03-04', '20', '10', '-10', '0.5'],
    ]);
    expect(body.assets[0].points[3]).toMatchObject({ asOf: '2026-03-04T14:00:00.000Z', pendingBuy: '0', pendingSell: '0' });
    // The live figures are the last day's.
    const live = (await http().get('/collateralization/bAAPL').set(as(KEYS.auditor)).expect(200)).body;
    expect(live).toMatchObject({ requiredShares: '20', heldShares: '10', ratio: '0.5' });
  });

  it('should filter by asset, and name an unknown asset and a malformed range', async () => {
    const one = await http().get('/collateralization/history?assetId=bAAPL&from=2026-03-04&to=2026-03-04').set(as(KEYS.auditor)).expect(200);
    expect(one.body.assets.map((a: { assetId: string; points: unknown[] }) => [a.assetId, a.points.length])).toEqual([['bAAPL', 1]]);
    await http().get('/collateralization/history?assetId=bNOPE&from=2026-03-04&to=2026-03-04').set(as(KEYS.auditor)).expect(404);
    const bad = await http().get('/collateralization/history?from=2026-02-30&to=yesterday').set(as(KEYS.auditor)).expect(400);
    expect(bad.body.message).toEqual(['from: must be a calendar date YYYY-MM-DD (got "2026-02-30")', 'to: must be a calendar date YYYY-MM-DD (got "yesterday")']);
    const reversed = await http().get('/collateralization/history?from=2026-03-05&to=2026-03-01').set(as(KEYS.auditor)).expect(400);
    expect(reversed.body.message).toEqual(['from: must not be after to (2026-03-05 > 2026-03-01)']);
    await http().get('/collateralization/history?from=2024-01-01&to=2026-03-01').set(as(KEYS.auditor)).expect(400);
  });

  it('should default to the seven days ending today', async () => {
    const { body } = await http().get('/collateralization/history').set(as(KEYS.operator)).expect(200);
    expect(body.assets[0].points).toHaveLength(7);
    expect(body.to).toBe(new Date().toISOString().slice(0, 10));
    // Today is after the story: the last known figures, carried forward.
    expect(body.assets[0].points[6]).toMatchObject({ recordedDate: '2026-03-04', ratio: '0.5' });
  });
});
