import { ChainWatcher } from '@recon/chain';
import request from 'supertest';
import { LocalChain, TOKEN } from '../../../libs/chain/src/testing/local-chain';
import { ApiHarness, KEYS, startApi } from '../../../libs/http-api/test/api-harness';
import { eventually, lastBusinessDay } from '../../../libs/http-api/test/test-clock';
import { fourEyes } from '../../../libs/http-api/test/four-eyes';

jest.setTimeout(90_000);

describe('A mint on a local chain with no custody behind it, end to end', () => {
  let chain: LocalChain;
  let other: LocalChain;
  let api: ApiHarness;
  const http = () => request(api.app.getHttpServer());
  const as = (key: string) => ({ 'X-API-Key': key });

  beforeAll(async () => {
    [chain, other] = await Promise.all([LocalChain.start(31337), LocalChain.start(31338)]);
    api = await startApi();
  });
  afterAll(async () => {
    await api?.close();
    await Promise.all([chain?.stop(), other?.stop()]);
  });

  it('should raise an under-collateralized exception with exact figures once the watcher caught up, summing both chains', async () => {
    const [token, bridged] = await Promise.all([chain.deploy(), other.deploy()]);
    await http().post('/assets').set(as(KEYS.operator)).send({ assetId: 'bAAPL', isin: 'US0378331005', symbol: 'bAAPL', name: 'Apple Inc.', initialMultiplier: '1' }).expect(201);
    for (const [c, address] of [[chain, token], [other, bridged]] as const) {
      await fourEyes(api.app, http().post('/assets/bAAPL/deployments').set(as(KEYS.operator)).send({ chainId: c.chainId, contractAddress: address, decimals: 18 }));
    }
    await fourEyes(api.app, http().post('/assets/bAAPL/custody-accounts').set(as(KEYS.operator)).send({ custodian: 'DEMOCHZZ', account: 'SAFE-0001' }));
    await fourEyes(api.app, http().post('/custody/statements').set(as(KEYS.operator)).send({
      custodian: 'DEMOCHZZ', account: 'SAFE-0001', statementReference: 'STMT-1', page: 1, lastPage: true, asOf: lastBusinessDay(),
      basis: 'SETTLED', completeness: 'COMPLETE', positions: [{ isin: 'US0378331005', quantity: '4' }],
    }));

    await chain.mint(token, 10n);
    await other.mint(bridged, 3n);
    await Promise.all([chain.mine(2), other.mine(2)]);
    const confirmed: Array<{ chainId: number; number: string; time: string }> = [];
    for (const [c, address] of [[chain, token], [other, bridged]] as const) {
      const watcher = new ChainWatcher(c.deployment(address), api.store);
      await watcher.start();
      expect((await watcher.catchUp()).caughtUp).toBe(true);
      const block = await c.publicClient.getBlock({ blockNumber: BigInt(watcher.cursor!) });
      confirmed.push({ chainId: c.chainId, number: String(watcher.cursor), time: new Date(Number(block.timestamp) * 1000).toISOString() });
    }
    await api.settled();

    const queue = await eventually(async () => (await http().get('/exceptions?breakType=under-collateralized').set(as(KEYS.operator)).expect(200)).body,
      (page) => page.total === 1, 'the under-collateralized exception', 30_000);
    expect(queue.items[0]).toMatchObject({ assetId: 'bAAPL', status: 'OPEN', figures: { required: '13', held: '4', difference: '-9' } });
    const detail = (await http().get(`/exceptions/${queue.items[0].exceptionId}`).set(as(KEYS.auditor)).expect(200)).body;
    expect(detail.evidence.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['ChainTransferObserved']));

    const collateral = (await http().get('/collateralization/bAAPL').set(as(KEYS.regulator)).expect(200)).body;
    expect(collateral).toMatchObject({ requiredShares: '13', heldShares: '4' });
    expect(collateral.chains.map((c: { chainId: number; supply: string }) => [c.chainId, c.supply])).toEqual([[31337, (10n * TOKEN).toString()], [31338, (3n * TOKEN).toString()]]);
    // What the dashboard shows as "last block": each chain's last confirmed block with its totalSupply() there, and the asset's least advanced chain.
    expect(collateral.chains.map((c: { chainId: number; totalSupply: string; lastConfirmedBlock: unknown }) => [c.chainId, c.totalSupply, c.lastConfirmedBlock]))
      .toEqual(confirmed.map(({ chainId, number, time }) => [chainId, (chainId === 31337 ? 10n * TOKEN : 3n * TOKEN).toString(), { number, time }]));
    const oldest = [...confirmed].sort((a, b) => Date.parse(a.time) - Date.parse(b.time))[0];
    expect(collateral.lastConfirmedBlock).toEqual(oldest);
    const all = (await http().get('/collateralization').set(as(KEYS.regulator)).expect(200)).body;
    expect(all.assets.map((a: { assetId: string; lastConfirmedBlock: unknown }) => [a.assetId, a.lastConfirmedBlock])).toEqual([['bAAPL', oldest]]);
    const supplyBreaks = (await http().get('/exceptions?breakType=supply-mismatch').set(as(KEYS.operator)).expect(200)).body;
    expect(supplyBreaks.total).toBe(0);
  });
});
