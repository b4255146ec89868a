import { PERIOD_SEALS_STREAM } from '@recon/domain';
import { ChainWatcher } from './chain-watcher';
import { freshStore, reconciledFromStore, registerAsset } from './testing/chain-facts';
import { LocalChain, TOKEN } from './testing/local-chain';

jest.setTimeout(60_000);

/** The chain stream as (type, direction, amount in tokens, block) rows: what the watcher recorded. */
async function recorded(watcher: ChainWatcher, store: Awaited<ReturnType<typeof freshStore>>['store']) {
  return (await store.readStream(watcher.streamId)).map((e) => {
    const d = e.data as { direction?: string; amount?: string; blockNumber?: number; multiplier?: string; forkBlockNumber?: number };
    return [e.type, d.direction ?? d.multiplier ?? d.forkBlockNumber ?? null, d.amount === undefined ? null : Number(BigInt(d.amount) / (TOKEN / 1000n)) / 1000];
  }).filter(([type]) => type !== 'TotalSupplyRead');
}

/** The supply-mismatch figures of a rebasing token as a watcher started at `startBlock` (after some of its mints) records it, in a store of its own. */
async function blindFigures(chain: LocalChain, token: `0x${string}`, startBlock: number) {
  const late = await freshStore();
  try {
    await registerAsset(late.store, 'bAAPL', [{ chainId: chain.chainId, contractAddress: token }]);
    const blind = new ChainWatcher(chain.deployment(token, { rebasing: true, startBlock }), late.store);
    await blind.start();
    await blind.catchUp();
    return (await reconciledFromStore(late.store, 'bAAPL')).supplyBreaks.map((f) => f.figures);
  } finally {
    await late.drop();
  }
}

describe('Chain watcher against a local Hardhat node', () => {
  let chain: LocalChain;
  let other: LocalChain;
  let db: Awaited<ReturnType<typeof freshStore>>;

  beforeAll(async () => {
    [chain, other] = await Promise.all([LocalChain.start(31337), LocalChain.start(31338)]);
  });
  afterAll(async () => {
    await Promise.all([chain?.stop(), other?.stop()]);
  });
  beforeEach(async () => {
    db = await freshStore();
  });
  afterEach(async () => {
    await db.drop();
  });

  it('should record mints and burns, not holder transfers, once confirmed, with totalSupply() agreeing with their sum', async () => {
    const token = await chain.deploy();
    await registerAsset(db.store, 'bAAPL', [{ chainId: chain.chainId, contractAddress: token }]);
    const watcher = new ChainWatcher(chain.deployment(token, { confirmations: 2 }), db.store);
    await watcher.start();
    await chain.mint(token, 10n);
    await chain.send(token, 'BackedToken', 'transfer', [chain.holders[1], 3n * TOKEN], chain.holders[0]); // holder to holder: supply unchanged
    const burnBlock = await chain.burn(token, 4n);
    await watcher.catchUp();
    expect(watcher.cursor).toBe(burnBlock - 2); // the burn has one block on top of it, not two: not yet
    expect(await recorded(watcher, db.store)).toEqual([['ChainTransferObserved', 'mint', 10]]);

    await chain.mine(2);
    await watcher.catchUp();
    expect(await recorded(watcher, db.store)).toEqual([['ChainTransferObserved', 'mint', 10], ['ChainTransferObserved', 'burn', 4]]);
    const { snapshot, supplyBreaks } = await reconciledFromStore(db.store, 'bAAPL');
    expect(snapshot.chains.map((c) => [c.chainId, c.supply, c.totalSupplyReading?.amount])).toEqual([[31337, 6n * TOKEN, 6n * TOKEN]]);
    expect(supplyBreaks).toEqual([]);

    const again = new ChainWatcher(chain.deployment(token, { confirmations: 2 }), db.store); // a restart resumes at the stored cursor
    await again.start();
    expect(again.cursor).toBe(watcher.cursor);
    expect((await again.catchUp()).appended).toBe(0);
  });

  it('should explain a rebasing token\'s multiplier change, and raise a supply mismatch for Transfers it never saw', async () => {
    const token = await chain.deploy('RebasingToken');
    await chain.mint(token, 100n, 'RebasingToken');
    const afterFirstMint = await chain.head();
    await chain.send(token, 'RebasingToken', 'transfer', [chain.holders[1], 30n * TOKEN], chain.holders[0]);
    await chain.send(token, 'RebasingToken', 'updateMultiplier', [1_500_000_000_000_000_000n]);
    await chain.mine(2);
    await registerAsset(db.store, 'bAAPL', [{ chainId: chain.chainId, contractAddress: token }]);
    const watcher = new ChainWatcher(chain.deployment(token, { rebasing: true }), db.store);
    await watcher.start();
    await watcher.catchUp();
    expect(await recorded(watcher, db.store)).toEqual([['ChainTransferObserved', 'mint', 100], ['ChainMultiplierObserved', '1.5', null]]);
    expect(await chain.totalSupply(token)).toBe(150n * TOKEN);
    expect((await reconciledFromStore(db.store, 'bAAPL')).supplyBreaks).toEqual([]);

    expect(await blindFigures(chain, token, afterFirstMint + 1)).toEqual([ // a watcher started after the first mint cannot account for it
      { transferSumUnits: '0', totalSupplyUnits: (150n * TOKEN).toString(), differenceUnits: (150n * TOKEN).toString() },
    ]);
  });

  it('should convert mints and burns made after a multiplier change at the new multiplier, and still raise a mint it never saw', async () => {
    const token = await chain.deploy('RebasingToken');
    const start = (await chain.head()) + 1;
    await chain.mint(token, 100n, 'RebasingToken');
    await chain.send(token, 'RebasingToken', 'updateMultiplier', [1_500_000_000_000_000_000n]);
    await chain.mint(token, 30n, 'RebasingToken'); // 20 shares at 1.5
    const missed = await chain.mint(token, 9n, 'RebasingToken'); // 6 shares at 1.5: the blind watcher starts after it
    await chain.send(token, 'RebasingToken', 'updateMultiplier', [2_000_000_000_000_000_000n]);
    await chain.burn(token, 10n, 'RebasingToken'); // 5 shares at 2
    await chain.mine(2);
    expect(await chain.totalSupply(token)).toBe(242n * TOKEN); // (100 + 20 + 6 − 5) shares × 2, while the Transfers sum to 129
    await registerAsset(db.store, 'bAAPL', [{ chainId: chain.chainId, contractAddress: token }]);
    const watcher = new ChainWatcher(chain.deployment(token, { rebasing: true, startBlock: start }), db.store);
    await watcher.start();
    await watcher.catchUp();
    expect(await recorded(watcher, db.store)).toEqual([ // one scan: its transfers, then its multiplier updates
      ['ChainTransferObserved', 'mint', 100], ['ChainTransferObserved', 'mint', 30], ['ChainTransferObserved', 'mint', 9], ['ChainTransferObserved', 'burn', 10],
      ['ChainMultiplierObserved', '1.5', null], ['ChainMultiplierObserved', '2', null],
    ]);
    expect((await reconciledFromStore(db.store, 'bAAPL')).supplyBreaks).toEqual([]);

    expect(await blindFigures(chain, token, missed + 1)).toEqual([ // a watcher started after the mint of 9 never sees it, nor the ones before
      { transferSumUnits: (-10n * TOKEN).toString(), totalSupplyUnits: (242n * TOKEN).toString(), differenceUnits: (252n * TOKEN).toString() },
    ]);
  });

  it('should revert the mints of blocks a reorg orphaned, and count the branch that replaced them', async () => {
    const token = await chain.deploy();
    await registerAsset(db.store, 'bAAPL', [{ chainId: chain.chainId, contractAddress: token }]);
    const watcher = new ChainWatcher(chain.deployment(token, { confirmations: 1, batchBlocks: 2 }), db.store);
    await watcher.start();
    await chain.mint(token, 5n);
    const snapshot = await chain.test.snapshot();
    await chain.mint(token, 7n);
    await chain.mine(3);
    await watcher.catchUp();
    expect(await recorded(watcher, db.store)).toEqual([['ChainTransferObserved', 'mint', 5], ['ChainTransferObserved', 'mint', 7]]);

    await chain.test.revert({ id: snapshot });
    await chain.mint(token, 2n); // the new branch: another mint instead, and more blocks than before
    await chain.mine(6);
    await watcher.catchUp();
    const rows = await recorded(watcher, db.store);
    expect(rows.slice(2)).toEqual([['ChainTransferReverted', 'mint', 7], ['ChainReorgDetected', expect.any(Number), null], ['ChainTransferObserved', 'mint', 2]]);
    const { snapshot: after, supplyBreaks } = await reconciledFromStore(db.store, 'bAAPL');
    expect(after.chains.map((c) => [c.supply, c.totalSupplyReading?.amount])).toEqual([[7n * TOKEN, 7n * TOKEN]]);
    expect(after.mintsAndBurns.map((t) => t.amount)).toEqual([5n * TOKEN, 2n * TOKEN]);
    expect(supplyBreaks).toEqual([]);
  });

  it('should record a mint dated inside a sealed period as an audited correction by the watcher, not refuse it', async () => {
    const token = await chain.deploy();
    await registerAsset(db.store, 'bAAPL', [{ chainId: chain.chainId, contractAddress: token }]);
    const mintBlock = await chain.mint(token, 4n);
    await chain.mine(2);
    const minted = await chain.publicClient.getBlock({ blockNumber: BigInt(mintBlock) });
    const mintedAt = Number(minted.timestamp) * 1000;
    const period = { periodId: 'P-1', from: new Date(mintedAt - 86_400_000).toISOString(), to: new Date(mintedAt + 1000).toISOString() };
    await db.store.appendToStream(PERIOD_SEALS_STREAM, [{ eventId: 'seal-1', type: 'PeriodSealed', schemaVersion: 1, metadata: {},
      data: { ...period, chainHead: { position: '0', hash: 'a'.repeat(64) }, publicKey: 'pk', signature: 'sig', sealedBy: 'carol', sealedAt: new Date().toISOString() } }], 'any');
    const watcher = new ChainWatcher(chain.deployment(token), db.store);
    await watcher.start();
    await watcher.catchUp();
    await new ChainWatcher(chain.deployment(token), db.store).start(); // a restart appends nothing again

    const seals = await db.store.readStream(PERIOD_SEALS_STREAM);
    expect(seals.map((e) => [e.type, (e.data as { correctedBy?: string }).correctedBy ?? null, (e.data as { eventTypes?: string[] }).eventTypes ?? null])).toEqual([
      ['PeriodSealed', null, null], ['SealedPeriodCorrected', 'chain-watcher', expect.arrayContaining(['ChainTransferObserved'])], // with the reading, if its block shares the second
    ]);
    const correction = seals[1]!.data as { correctionId: string; reason: string; streamId: string };
    expect([correction.streamId, correction.reason]).toEqual([watcher.streamId, expect.stringMatching(/confirmed after period P-1 was sealed/)]);
    const mint = (await db.store.readStream(watcher.streamId)).find((e) => e.type === 'ChainTransferObserved')!;
    expect(mint.metadata).toMatchObject({ actor: 'chain-watcher', correctionOf: correction.correctionId });
    expect((await reconciledFromStore(db.store, 'bAAPL')).snapshot.chains.map((c) => c.supply)).toEqual([4n * TOKEN]);
  });

  it('should keep the supply of each chain apart when one asset lives on two', async () => {
    const [onFirst, onSecond] = await Promise.all([chain.deploy(), other.deploy()]);
    await registerAsset(db.store, 'bAAPL', [{ chainId: chain.chainId, contractAddress: onFirst }, { chainId: other.chainId, contractAddress: onSecond }]);
    await chain.mint(onFirst, 5n);
    await other.mint(onSecond, 7n);
    await Promise.all([chain.mine(2), other.mine(2)]);
    for (const [c, token] of [[chain, onFirst], [other, onSecond]] as const) {
      const watcher = new ChainWatcher(c.deployment(token), db.store);
      await watcher.start();
      await watcher.catchUp();
    }
    const { snapshot } = await reconciledFromStore(db.store, 'bAAPL');
    expect(snapshot.chains.map((c) => [c.chainId, c.supply])).toEqual([[31337, 5n * TOKEN], [31338, 7n * TOKEN]]);
  });

  it('should refuse to start with a clear message for a bad RPC URL, a wrong chain, no contract or other decimals', async () => {
    const token = await chain.deploy();
    const startWith = (overrides: Parameters<LocalChain['deployment']>[1]) =>
      new ChainWatcher(chain.deployment(token, overrides), db.store, { retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 10 } }).start();
    await expect(startWith({ rpcUrl: 'http://127.0.0.1:9' })).rejects.toThrow(/chain 31337 \(bAAPL\): RPC URL http:\/\/127\.0\.0\.1:9 does not answer JSON-RPC/);
    await expect(startWith({ chainId: 1 })).rejects.toThrow(`RPC URL ${chain.node.url} serves chain 31337, not 1`);
    await expect(startWith({ contractAddress: `0x${'12'.repeat(20)}` })).rejects.toThrow(`no contract at 0x${'12'.repeat(20)} (contract address)`);
    await expect(startWith({ decimals: 6 })).rejects.toThrow(`has 18 decimals, configured 6`);
  });
});
