import { ChainWatcher } from './chain-watcher';
import { chainClient, SupplyReads } from './multicall';
import { freshStore, reconciledFromStore, registerAsset } from './testing/chain-facts';
import { FaultProxy } from './testing/fault-proxy';
import { LocalChain, MULTICALL3, TOKEN } from './testing/local-chain';
import { ChainWatcherPool } from './watcher-pool';

jest.setTimeout(90_000);

type Store = Awaited<ReturnType<typeof freshStore>>['store'];

/** The (from, to) of every recorded scan, from the chain stream. */
async function scans(store: Store, watcher: ChainWatcher): Promise<Array<[number, number]>> {
  const reads = (await store.readStream(watcher.streamId)).filter((e) => e.type === 'TotalSupplyRead').map((e) => (e.data as { blockNumber: number }).blockNumber);
  return reads.map((to, i) => [i === 0 ? watcher.deployment.startBlock : reads[i - 1]! + 1, to]);
}

async function mintedTokens(store: Store, watcher: ChainWatcher): Promise<bigint[]> {
  return (await store.readStream(watcher.streamId)).filter((e) => e.type === 'ChainTransferObserved').map((e) => BigInt((e.data as { amount: string }).amount) / TOKEN);
}

describe('Chain scans at mainnet shape against a local Hardhat node', () => {
  let chain: LocalChain;
  let db: Awaited<ReturnType<typeof freshStore>>;

  beforeAll(async () => {
    chain = await LocalChain.start(31337);
    await chain.installMulticall3();
  });
  afterAll(async () => {
    await chain?.stop();
  });
  beforeEach(async () => {
    db = await freshStore();
  });
  afterEach(async () => {
    await db.drop();
  });

  describe('through a proxy that refuses eth_getLogs wider than 40 blocks (injected: a local Hardhat node has no range limit)', () => {
    let proxy: FaultProxy;
    beforeEach(async () => {
      proxy = new FaultProxy(chain.node.url);
      await proxy.start();
    });
    afterEach(async () => {
      await proxy.stop();
    });

    it.each([
      ['Infura/geth, with a suggested range', -32005, 'query returned more than 10000 results. Try with this block range [{from}, {to}].'],
      ['a range cap, without a suggestion', -32000, 'block range is too wide'],
    ])('should shrink its range on "%s" and record every mint once, the scans following each other', async (_what, code, message) => {
      const token = await chain.deploy();
      await registerAsset(db.store, 'bAAPL', [{ chainId: chain.chainId, contractAddress: token }]);
      for (let i = 1n; i <= 5n; i++) {
        await chain.mint(token, i);
        await chain.mine(37);
      }
      proxy.rangeLimit = { maxBlocks: 40, code, message };
      const watcher = new ChainWatcher(chain.deployment(token, { rpcUrl: proxy.url, confirmations: 1, batchBlocks: 128, maxBatchBlocks: 1_024 }), db.store);
      await watcher.start();
      const progress = await watcher.catchUp();

      expect(proxy.refusedRanges).toBeGreaterThan(0);
      expect(await mintedTokens(db.store, watcher)).toEqual([1n, 2n, 3n, 4n, 5n]);
      const ranges = await scans(db.store, watcher);
      expect(ranges.every(([from, to]) => to - from + 1 <= 40)).toBe(true);
      expect(ranges.every(([from], i) => i === 0 || from === ranges[i - 1]![1] + 1)).toBe(true);
      expect(progress.cursor).toBe((await chain.head()) - 1);
      const { snapshot, supplyBreaks } = await reconciledFromStore(db.store, 'bAAPL');
      expect(snapshot.chains[0]?.supply).toBe(15n * TOKEN);
      expect(supplyBreaks).toEqual([]);
    });
  });

  it('should widen its range while the logs are sparse, up to its maximum', async () => {
    const token = await chain.deploy();
    await chain.mint(token, 7n);
    await chain.mine(3_000);
    await chain.mint(token, 8n);
    const watcher = new ChainWatcher(chain.deployment(token, { confirmations: 0, batchBlocks: 16, maxBatchBlocks: 512 }), db.store);
    await watcher.start();
    await watcher.catchUp();

    expect(await mintedTokens(db.store, watcher)).toEqual([7n, 8n]);
    const widths = (await scans(db.store, watcher)).map(([from, to]) => to - from + 1);
    expect(Math.max(...widths)).toBe(512);
    expect(widths.length).toBeLessThan(3_000 / 64);
    expect(watcher.ranges.blocks).toBe(512);
  });

  it('should read the totalSupply() of several tokens at one block in one Multicall3 aggregate3, and one call each where there is none', async () => {
    const tokens = [await chain.deploy(), await chain.deploy(), await chain.deploy()];
    for (const [i, token] of tokens.entries()) await chain.mint(token, BigInt(i + 1));
    const head = await chain.head();

    const withMulticall = new SupplyReads(chainClient(chain.node.url));
    expect(await Promise.all(tokens.map((token) => withMulticall.read(token, head)))).toEqual([1n * TOKEN, 2n * TOKEN, 3n * TOKEN]);
    expect(withMulticall.stats).toEqual({ reads: 3, calls: 1, multicalls: 1 });

    const nowhere = '0x000000000000000000000000000000000000ca11' as const; // no code there
    const without = new SupplyReads(chainClient(chain.node.url), { multicallAddress: nowhere });
    expect(await Promise.all(tokens.map((token) => without.read(token, head)))).toEqual([1n * TOKEN, 2n * TOKEN, 3n * TOKEN]);
    expect(without.stats).toEqual({ reads: 3, calls: 3, multicalls: 0 });
    expect(MULTICALL3).toBe('0xca11bde05977b3631167028862be2a173976ca11');
  });

  it('should follow several deployments with a bounded pool, each stream with its own mints and a totalSupply() that matches the chain', async () => {
    const tokens = [await chain.deploy(), await chain.deploy(), await chain.deploy()];
    for (let round = 1n; round <= 3n; round++) {
      for (const [i, token] of tokens.entries()) await chain.mint(token, round * 10n + BigInt(i));
      await chain.mine(50);
    }
    const deployments = tokens.map((token, i) => ({ ...chain.deployment(token, { confirmations: 0, batchBlocks: 32 }), assetId: `asset-${i}` }));
    const pool = new ChainWatcherPool(deployments, db.store, { concurrency: 2 });
    await pool.start();
    await pool.catchUp();

    for (const [i, watcher] of pool.watchers.entries()) {
      expect(await mintedTokens(db.store, watcher)).toEqual([10n + BigInt(i), 20n + BigInt(i), 30n + BigInt(i)]);
      const last = (await db.store.readStream(watcher.streamId)).filter((e) => e.type === 'TotalSupplyRead').at(-1)!.data as { blockNumber: number; amount: string };
      expect(last.blockNumber).toBe(await chain.head());
      expect(BigInt(last.amount)).toBe(await chain.totalSupply(tokens[i]!));
    }
    const [shared] = pool.supplyReads.values();
    expect(pool.supplyReads.size).toBe(1);
    expect(shared!.stats.reads).toBe((await Promise.all(pool.watchers.map((w) => scans(db.store, w)))).flat().length);
  });
});
