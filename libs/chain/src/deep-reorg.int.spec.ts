import { CHAIN_ANCHORS } from '@recon/domain';
import { ChainWatcher } from './chain-watcher';
import { UnrecoverableReorgError } from './deep-fork';
import { freshStore, reconciledFromStore, registerAsset } from './testing/chain-facts';
import { LocalChain, TOKEN } from './testing/local-chain';

jest.setTimeout(120_000);

type Store = Awaited<ReturnType<typeof freshStore>>['store'];

/** The chain stream as (type, direction or fork block, amount in tokens) rows, readings left out. */
async function recorded(watcher: ChainWatcher, store: Store) {
  return (await store.readStream(watcher.streamId)).filter((e) => e.type !== 'TotalSupplyRead').map((e) => {
    const d = e.data as { direction?: string; amount?: string; forkBlockNumber?: number };
    return [e.type, d.direction ?? d.forkBlockNumber ?? null, d.amount === undefined ? null : Number(BigInt(d.amount) / TOKEN)];
  });
}

/** What the chain watcher said and the supply read model shows: supply, totalSupply() and the chain's last block. */
async function figures(store: Store) {
  const { snapshot, supplyBreaks } = await reconciledFromStore(store, 'bAAPL');
  const [c] = snapshot.chains;
  return { supply: c?.supply, totalSupply: c?.totalSupplyReading?.amount, lastBlock: c?.asOfBlock, supplyBreaks };
}

describe('Chain watcher after a reorg deeper than anything it kept, on a local Hardhat node', () => {
  let chain: LocalChain;
  let db: Awaited<ReturnType<typeof freshStore>>;

  beforeAll(async () => {
    chain = await LocalChain.start(31337);
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

  it('should read again from the start block when a reorg replaced every recorded block, revert the vanished mints, and name a canonical last block', async () => {
    const token = await chain.deploy();
    const startBlock = chain.deployment(token).startBlock;
    await registerAsset(db.store, 'bAAPL', [{ chainId: chain.chainId, contractAddress: token }]);
    const beforeAnyLog = await chain.test.snapshot(); // taken before the first recorded block's logs
    await chain.mint(token, 5n);
    await chain.mint(token, 7n);
    await chain.mine(3);
    const watcher = new ChainWatcher(chain.deployment(token, { confirmations: 1 }), db.store);
    await watcher.start();
    await watcher.catchUp();
    const oldCursor = watcher.cursor!;
    expect(await recorded(watcher, db.store)).toEqual([['ChainTransferObserved', 'mint', 5], ['ChainTransferObserved', 'mint', 7]]);

    await chain.test.revert({ id: beforeAnyLog });
    await chain.mint(token, 2n); // a different history, shorter than the one recorded
    await chain.mine(1);
    const progress = await watcher.catchUp();

    expect(progress.caughtUp).toBe(true);
    expect(await recorded(watcher, db.store)).toEqual([
      ['ChainTransferObserved', 'mint', 5], ['ChainTransferObserved', 'mint', 7],
      ['ChainTransferReverted', 'mint', 5], ['ChainTransferReverted', 'mint', 7], ['ChainReorgDetected', startBlock - 1, null],
      ['ChainTransferObserved', 'mint', 2],
    ]);
    const cursor = watcher.cursor!;
    expect(cursor).toBeLessThan(oldCursor);
    expect(await figures(db.store)).toEqual({ supply: 2n * TOKEN, totalSupply: 2n * TOKEN, lastBlock: cursor, supplyBreaks: [] });
    const [recordedCursor] = (await db.store.readStream(watcher.streamId)).filter((e) => e.type === 'TotalSupplyRead').slice(-1);
    const canonical = await chain.publicClient.getBlock({ blockNumber: BigInt(cursor) });
    expect((recordedCursor!.data as { blockHash: string }).blockHash).toBe(canonical.hash); // the last block is one the chain has

    const again = new ChainWatcher(chain.deployment(token, { confirmations: 1 }), db.store); // a restart appends nothing
    await again.start();
    expect((await again.catchUp()).appended).toBe(0);
  });

  it(`should find the fork below all ${CHAIN_ANCHORS} kept anchors among every recorded position, and revert only what vanished above it`, async () => {
    const token = await chain.deploy();
    await registerAsset(db.store, 'bAAPL', [{ chainId: chain.chainId, contractAddress: token }]);
    const oneBlockScans = chain.deployment(token, { confirmations: 0, batchBlocks: 1, maxBatchBlocks: 1 });
    await chain.mint(token, 5n);
    await chain.mine(5);
    const fork = await chain.head();
    const snapshot = await chain.test.snapshot();
    await chain.mint(token, 7n);
    await chain.mine(CHAIN_ANCHORS + 10); // more one-block scans than anchors above the fork
    const watcher = new ChainWatcher(oneBlockScans, db.store);
    await watcher.start();
    await watcher.catchUp();

    await chain.test.revert({ id: snapshot });
    await chain.mint(token, 3n);
    await chain.mine(20);
    await watcher.catchUp();

    expect(await recorded(watcher, db.store)).toEqual([
      ['ChainTransferObserved', 'mint', 5], ['ChainTransferObserved', 'mint', 7],
      ['ChainTransferReverted', 'mint', 7], ['ChainReorgDetected', fork, null], ['ChainTransferObserved', 'mint', 3],
    ]);
    expect(await figures(db.store)).toEqual({ supply: 8n * TOKEN, totalSupply: 8n * TOKEN, lastBlock: watcher.cursor, supplyBreaks: [] });
  });

  it('should leave the same stream after a restart in the middle of the recovery as a clean run', async () => {
    const token = await chain.deploy();
    const other = await freshStore();
    try {
      for (const store of [db.store, other.store]) await registerAsset(store, 'bAAPL', [{ chainId: chain.chainId, contractAddress: token }]);
      const fixedRanges = chain.deployment(token, { confirmations: 1, batchBlocks: 4, maxBatchBlocks: 4 }); // ranges that do not depend on a watcher's past
      const clean = new ChainWatcher(fixedRanges, db.store);
      const crashing = new ChainWatcher(fixedRanges, other.store);
      const snapshot = await chain.test.snapshot();
      await chain.mint(token, 5n);
      await chain.mine(2);
      await chain.mint(token, 7n);
      await chain.mine(6);
      for (const watcher of [clean, crashing]) await watcher.start().then(() => watcher.catchUp());

      await chain.test.revert({ id: snapshot });
      await chain.mine(1);
      await chain.mint(token, 2n);
      await chain.mine(9);
      await clean.catchUp();
      expect((await crashing.step()).reverted).toBeGreaterThan(0); // the recovery's append, then the process dies
      const restarted = new ChainWatcher(fixedRanges, other.store);
      await restarted.start();
      await restarted.step(); // one range of the re-read, then it dies again
      const last = new ChainWatcher(fixedRanges, other.store);
      await last.start();
      await last.catchUp();

      const ids = async (store: Store) => (await store.readStream(clean.streamId)).map((e) => [e.type, e.eventId]);
      expect(await ids(other.store)).toEqual(await ids(db.store));
      expect(await figures(other.store)).toEqual(await figures(db.store));
      expect((await figures(db.store)).supply).toBe(2n * TOKEN);
    } finally {
      await other.drop();
    }
  });

  it('should stop, naming the command to run, when the reorg took the contract\'s deployment at the start block with it', async () => {
    const beforeDeployment = await chain.test.snapshot();
    const token = await chain.deploy();
    await chain.mint(token, 5n);
    await chain.mine(2);
    const watcher = new ChainWatcher(chain.deployment(token, { confirmations: 1 }), db.store);
    await watcher.start();
    await watcher.catchUp();

    await chain.test.revert({ id: beforeDeployment });
    await chain.mine(1);
    expect(await chain.deploy()).toBe(token); // the same address, one block later than the configured start block
    await chain.mine(4);
    const stopped = watcher.catchUp();
    await expect(stopped).rejects.toThrow(UnrecoverableReorgError);
    await expect(stopped).rejects.toThrow(`no longer deployed at start block ${watcher.deployment.startBlock}: set startBlock to the block it is deployed in now (CHAIN_DEPLOYMENTS), then run recon chain resync --chain 31337 --contract ${token}`);
    expect(await recorded(watcher, db.store)).toEqual([['ChainTransferObserved', 'mint', 5]]); // nothing appended
  });

  it('should stop, naming the command to run, before reading again more blocks than maxReorgDepth', async () => {
    const token = await chain.deploy();
    const snapshot = await chain.test.snapshot();
    await chain.mint(token, 5n);
    await chain.mine(6);
    const watcher = new ChainWatcher(chain.deployment(token, { confirmations: 1, maxReorgDepth: 3 }), db.store);
    await watcher.start();
    await watcher.catchUp();
    await chain.test.revert({ id: snapshot });
    await chain.mine(8);
    await expect(watcher.catchUp()).rejects.toThrow(new RegExp(`more than maxReorgDepth \\(3\\): check that the RPC URL serves the chain expected, then run recon chain resync --chain 31337 --contract ${token}$`));
    expect(await recorded(watcher, db.store)).toEqual([['ChainTransferObserved', 'mint', 5]]);
  });
});
