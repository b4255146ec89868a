import { ChainWatcher } from './chain-watcher';
import { freshStore, reconciledFromStore, registerAsset } from './testing/chain-facts';
import { FaultProxy } from './testing/fault-proxy';
import { LocalChain, TOKEN } from './testing/local-chain';

jest.setTimeout(60_000);

const FAST_RETRY = { attempts: 10, baseDelayMs: 20, maxDelayMs: 200 };

describe('Chain watcher through a fault-injecting proxy (HTTP 429, time-outs and an unreachable node are injected; the node behind is real)', () => {
  let chain: LocalChain;
  let proxy: FaultProxy;
  let db: Awaited<ReturnType<typeof freshStore>>;

  beforeAll(async () => {
    chain = await LocalChain.start(31337);
  });
  afterAll(async () => {
    await proxy?.stop();
    await chain?.stop();
  });
  beforeEach(async () => {
    db = await freshStore();
    proxy = new FaultProxy(chain.node.url);
    await proxy.start();
  });
  afterEach(async () => {
    await proxy.stop();
    await db.drop();
  });

  it('should retry with backoff and record every mint exactly once, its cursor never skipping a block', async () => {
    const token = await chain.deploy();
    await registerAsset(db.store, 'bAAPL', [{ chainId: chain.chainId, contractAddress: token }]);
    const retries: string[] = [];
    const watcher = new ChainWatcher(chain.deployment(token, { rpcUrl: proxy.url, confirmations: 1, batchBlocks: 3, maxBatchBlocks: 3 }), db.store,
      { retry: FAST_RETRY, timeoutMs: 300, onRetry: (what) => retries.push(what) });
    await watcher.start();
    for (let i = 1n; i <= 12n; i++) await chain.mint(token, i);
    await chain.mine(1);

    proxy.inject('rate-limit', 'rate-limit', 'time-out');
    const first = await watcher.step();
    proxy.inject('time-out', 'rate-limit', 'time-out', 'rate-limit');
    await watcher.step();
    const beforeOutage = retries.length;
    await proxy.goDown(); // as a node restarting: nothing listens for a while
    let ended = false;
    const resumed = watcher.catchUp().finally(() => (ended = true));
    // The node comes back once the watcher has been refused twice: the retries decide, not the clock.
    while (retries.length < beforeOutage + 2 && !ended) await new Promise((resolve) => setTimeout(resolve, 10));
    await proxy.start();
    await resumed;

    expect(proxy.injected).toBe(7);
    expect(retries.length).toBeGreaterThanOrEqual(8); // the seven faults, and at least one refused connection
    expect(first.cursor).toBeDefined();
    const stream = await db.store.readStream(watcher.streamId);
    const mints = stream.filter((e) => e.type === 'ChainTransferObserved').map((e) => BigInt((e.data as { amount: string }).amount) / TOKEN);
    expect(mints).toEqual(Array.from({ length: 12 }, (_, i) => BigInt(i + 1)));
    const ranges = stream.filter((e) => e.type === 'TotalSupplyRead').map((e) => (e.data as { blockNumber: number }).blockNumber);
    expect(ranges.every((block, i) => i === 0 || block === ranges[i - 1]! + 3 || i === ranges.length - 1)).toBe(true);
    expect(ranges.at(-1)).toBe((await chain.head()) - 1);
    const { snapshot, supplyBreaks } = await reconciledFromStore(db.store, 'bAAPL');
    expect(snapshot.chains[0]?.supply).toBe(78n * TOKEN);
    expect(supplyBreaks).toEqual([]);
  });

  it('should give up with a message naming the call once the faults outlast the retries', async () => {
    const token = await chain.deploy();
    const watcher = new ChainWatcher(chain.deployment(token, { rpcUrl: proxy.url }), db.store, { retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 10 }, timeoutMs: 300 });
    await watcher.start();
    proxy.inject('rate-limit', 'rate-limit', 'rate-limit');
    await expect(watcher.step()).rejects.toThrow(/chain 31337 eth_blockNumber: still failing after 3 attempts/);
  });
});
