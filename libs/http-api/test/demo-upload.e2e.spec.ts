import request from 'supertest';
import { isValidBic } from '@recon/domain';
import { DEMO, seedDemo } from '../src/demo/demo-seed';
import { ApiHarness, KEYS, startApi } from './api-harness';
import { allEvents, edited, statementFixture } from './statement-files';

/** The demo's account as its custodian would report it, in a semt.002 that names no sender: the demo's one link supplies it. */
function demoStatement(date: string, held: { bAAPL: string; bCSPX: string }): string {
  let text = statementFixture('semt002/no-sender.xml');
  text = edited(text, '<StmtId>NOSENDER20240628</StmtId>', `<StmtId>DEMO-UPLOAD-${date}</StmtId>`);
  text = edited(text, '<Dt>2024-06-28</Dt>', `<Dt>${date}</Dt>`);
  text = edited(text, '<Id>SAFE-2000</Id>', `<Id>${DEMO.account}</Id>`);
  text = edited(text, '<Unit>1500</Unit>', `<Unit>${held.bAAPL}</Unit>`);
  return edited(text, '<Unit>800</Unit>', `<Unit>${held.bCSPX}</Unit>`);
}

describe('The demo, driven by uploading a statement', () => {
  let api: ApiHarness;
  const http = () => request(api.app.getHttpServer());
  const upload = (content: string, query = '') =>
    http().post(`/custody/statements/upload${query}`).set('X-API-Key', KEYS.operator).attach('file', Buffer.from(content), 'demo-holdings.xml');
  const openBreaks = async (assetId: string) =>
    (await http().get(`/exceptions?assetId=${assetId}&status=OPEN`).set('X-API-Key', KEYS.operator).expect(200)).body.items.map((item: { breakType: string }) => item.breakType);

  beforeEach(async () => {
    api = await startApi();
    await seedDemo(api.app, new Date().toISOString());
    await api.settled();
  });
  afterEach(async () => {
    await api.close();
  });

  it("should have a custodian of ISO 9362's shape", () => expect(isValidBic(DEMO.custodian)).toBe(true));

  it('should preview and then take a statement that covers the short asset: its position moves and its break clears', async () => {
    expect(await openBreaks('bCSPX')).toEqual(['under-collateralized']);
    const statement = demoStatement(new Date().toISOString().slice(0, 10), { bAAPL: '1500', bCSPX: '800' });

    const before = (await allEvents(api.store)).length;
    const preview = await upload(statement, '?dryRun=true').expect(200);
    expect(preview.body.custodian).toBe(DEMO.custodian);
    expect(preview.body.dryRun.positions).toEqual([
      { custodian: DEMO.custodian, account: DEMO.account, isin: 'IE00B5BMR087', before: '750', after: '800' },
      { custodian: DEMO.custodian, account: DEMO.account, isin: 'US0378331005', before: '1500', after: '1500' },
    ]);
    expect(preview.body.dryRun.clearing).toEqual([expect.objectContaining({ assetId: 'bCSPX', breakType: 'under-collateralized' })]);
    expect(await allEvents(api.store)).toHaveLength(before);

    await upload(statement).expect(201);
    await api.settled();
    const view = await http().get('/collateralization/bCSPX').set('X-API-Key', KEYS.auditor).expect(200);
    expect(view.body).toMatchObject({ heldShares: '800' });
    expect(await openBreaks('bCSPX')).toEqual([]);
  });

  it('should raise a break when an uploaded statement leaves an asset short', async () => {
    await upload(demoStatement(new Date().toISOString().slice(0, 10), { bAAPL: '1400', bCSPX: '750' })).expect(201);
    await api.settled();
    expect(await openBreaks('bAAPL')).toEqual(['under-collateralized']);
  });
});
