import { ChainWatcher } from '@recon/chain';
import request from 'supertest';
import { LocalChain, TOKEN } from '../../../libs/chain/src/testing/local-chain';
import { ApiHarness, KEYS, startApi } from '../../../libs/http-api/test/api-harness';
import { fourEyes } from '../../../libs/http-api/test/four-eyes';

jest.setTimeout(90_000);

interface ChainView {
  readonly chainId: number;
  readonly supply: string;
  readonly lastBlock: string | null;
  readonly totalSupply: string | null;
  readonly lastConfirmedBlock: { readonly number: string } | null;
}

describe('chains[].lastBlock through the API after a reorg deeper than everything the watcher recorded', () => {
  let chain: LocalChain;
  let api: ApiHarness;
  const http = () => request(api.app.getHttpServer());
  const as = (key: string) => ({ 'X-API-Key': key });
  const chains = async (): Promise<ChainView[]> => {
    await api.settled();
    return (await http().get('/collateralization/bAAPL').set(as(KEYS.regulator)).expect(200)).body.chains;
  };

  beforeAll(async () => {
    chain = await LocalChain.start(31337);
    api = await startApi();
  });
  afterAll(async () => {
    await api?.close();
    await chain?.stop();
  });

  it('should name a block of the canonical chain, the watcher\'s new cursor, when the new branch is shorter than the orphaned one', async () => {
    const token = await chain.deploy();
    await http().post('/assets').set(as(KEYS.operator)).send({ assetId: 'bAAPL', isin: 'US0378331005', symbol: 'bAAPL', name: 'Apple Inc.', initialMultiplier: '1' }).expect(201);
    await fourEyes(api.app, http().post('/assets/bAAPL/deployments').set(as(KEYS.operator)).send({ chainId: chain.chainId, contractAddress: token, decimals: 18 }));
    const beforeAnyLog = await chain.test.snapshot();
    await chain.mint(token, 5n);
    await chain.mint(token, 7n);
    await chain.mine(8);
    const watcher = new ChainWatcher(chain.deployment(token, { confirmations: 1 }), api.store);
    await watcher.start();
    await watcher.catchUp();
    const orphanedCursor = watcher.cursor!;
    expect((await chains()).map((c) => [c.supply, c.lastBlock])).toEqual([[(12n * TOKEN).toString(), String(orphanedCursor)]]);

    await chain.test.revert({ id: beforeAnyLog });
    await chain.mint(token, 2n);
    await chain.mine(1);
    await watcher.catchUp();

    const cursor = watcher.cursor!;
    expect(cursor).toBeLessThan(orphanedCursor);
    expect(cursor).toBeLessThanOrEqual(await chain.head());
    const recordedHash = (await api.store.readStream(watcher.streamId)).filter((e) => e.type === 'TotalSupplyRead').map((e) => (e.data as { blockHash: string }).blockHash).at(-1);
    expect(recordedHash).toBe((await chain.publicClient.getBlock({ blockNumber: BigInt(cursor) })).hash);
    expect((await chains()).map((c) => [c.supply, c.totalSupply, c.lastBlock, c.lastConfirmedBlock?.number])).toEqual([
      [(2n * TOKEN).toString(), (2n * TOKEN).toString(), String(cursor), String(cursor)],
    ]);
  });
});
