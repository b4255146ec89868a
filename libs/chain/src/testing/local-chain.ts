import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LocalNode } from '../../../../infra/evm/local-node';
import { WatchedDeployment } from '../deployment';
import { viem, Viem } from '../viem';

/** The repository root, found from here both in the sources and in the compiled tree (dist/), which has no infra/. */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'infra', 'evm', 'local-node.js'))) {
    if (dirname(dir) === dir) throw new Error('infra/evm not found above ' + __dirname);
    dir = dirname(dir);
  }
  return dir;
}
const EVM = join(repositoryRoot(), 'infra', 'evm');
/* eslint-disable @typescript-eslint/no-require-imports */
const { compileContracts } = require(join(EVM, 'compile.js')) as typeof import('../../../../infra/evm/compile');
const { startLocalNode } = require(join(EVM, 'local-node.js')) as typeof import('../../../../infra/evm/local-node');
/* eslint-enable @typescript-eslint/no-require-imports */

export const TOKEN = 10n ** 18n;
export type TokenKind = 'BackedToken' | 'RebasingToken';

/** Multicall3's address on mainnets, where `installMulticall3` puts it on the local node. */
export const MULTICALL3 = '0xca11bde05977b3631167028862be2a173976ca11';

/**
 * A Hardhat node started for a test, with the token contracts deployed through viem from the
 * node's unlocked accounts. Every transaction is mined at once (automine), one block each.
 */
export class LocalChain {
  private constructor(
    readonly node: LocalNode,
    readonly wallet: Viem.WalletClient<Viem.HttpTransport, Viem.Chain, Viem.Account>,
    readonly test: Viem.TestClient<'hardhat', Viem.HttpTransport, Viem.Chain>,
    readonly publicClient: Viem.PublicClient,
    readonly holders: readonly `0x${string}`[],
  ) {}

  /** Contract → the block it was deployed in: the watcher's start block. */
  private readonly deployedAt = new Map<string, number>();

  static async start(chainId = 31337): Promise<LocalChain> {
    const node = await startLocalNode({ chainId });
    const chain = viem.defineChain({ id: chainId, name: `local-${chainId}`, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [node.url] } } });
    // The node closes idle keep-alive connections on its own timer; on a busy machine a test's next
    // request can land on one it just closed ("fetch failed", "other side closed") before reaching it.
    // A retry then sends the request on a fresh connection. The watcher's own clients keep their
    // settings: the RPC-fault tests, not this helper, exercise those.
    const transport = viem.http(node.url, { retryCount: 2, retryDelay: 200 });
    const publicClient = viem.createPublicClient({ chain, transport }) as Viem.PublicClient;
    const test = viem.createTestClient({ chain, transport, mode: 'hardhat' });
    const [owner, ...holders] = await viem.createWalletClient({ chain, transport }).getAddresses();
    const wallet = viem.createWalletClient({ chain, transport, account: owner! }) as unknown as LocalChain['wallet'];
    return new LocalChain(node, wallet, test, publicClient, holders);
  }

  get chainId(): number {
    return this.node.chainId;
  }

  async deploy(kind: TokenKind = 'BackedToken'): Promise<`0x${string}`> {
    const { abi, bytecode } = compileContracts()[kind];
    const args = kind === 'BackedToken' ? ['Backed Apple', 'bAAPL', 18] : ['Backed Apple Rebasing', 'rbAAPL'];
    const hash = await this.wallet.deployContract({ abi, bytecode, args });
    const receipt = await this.publicClient.waitForTransactionReceipt({ hash });
    const address = receipt.contractAddress!.toLowerCase() as `0x${string}`;
    this.deployedAt.set(address, Number(receipt.blockNumber));
    return address;
  }

  /**
   * Gives the local node Multicall3 at its mainnet address (infra/evm/contracts/Multicall3.sol,
   * aggregate3 only): deployed once as usual, then its code set at 0xcA11...CA11.
   */
  async installMulticall3(): Promise<void> {
    const { abi, bytecode } = compileContracts()['Multicall3'];
    const hash = await this.wallet.deployContract({ abi, bytecode, args: [] });
    const receipt = await this.publicClient.waitForTransactionReceipt({ hash });
    const code = await this.publicClient.getCode({ address: receipt.contractAddress! });
    await this.test.setCode({ address: MULTICALL3, bytecode: code! });
  }

  /** A plain transfer of 1 wei: a block with a transaction and no token log. */
  async transferEther(to: `0x${string}`): Promise<number> {
    const hash = await this.wallet.sendTransaction({ to, value: 1n });
    return Number((await this.publicClient.waitForTransactionReceipt({ hash })).blockNumber);
  }

  /** Sends a call to the token and waits for its receipt; returns its block number. */
  async send(token: `0x${string}`, kind: TokenKind, functionName: string, args: readonly unknown[], from?: `0x${string}`): Promise<number> {
    const hash = await this.wallet.writeContract({ address: token, abi: compileContracts()[kind].abi as Viem.Abi, functionName, args, ...(from ? { account: from } : {}) });
    const receipt = await this.publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`${functionName} reverted`);
    return Number(receipt.blockNumber);
  }

  mint(token: `0x${string}`, tokens: bigint, kind: TokenKind = 'BackedToken', to = this.holders[0]!): Promise<number> {
    return this.send(token, kind, 'mint', [to, tokens * TOKEN]);
  }

  burn(token: `0x${string}`, tokens: bigint, kind: TokenKind = 'BackedToken', from = this.holders[0]!): Promise<number> {
    return this.send(token, kind, 'burn', [from, tokens * TOKEN]);
  }

  /**
   * Mines `blocks` empty blocks, each executed (evm_mine, sent as JSON-RPC batches). Hardhat's own
   * hardhat_mine only reserves the blocks, and eth_call at a reserved block answers as if no
   * contract were deployed: a watcher reading totalSupply() there would see nothing.
   */
  async mine(blocks: number): Promise<void> {
    for (let done = 0; done < blocks; done += 1_000) {
      const batch = Array.from({ length: Math.min(1_000, blocks - done) }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'evm_mine', params: [] }));
      const response = await fetch(this.node.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) });
      const answers = (await response.json()) as { error?: { message: string } }[];
      const failed = answers.find((a) => a.error);
      if (failed) throw new Error(`evm_mine: ${failed.error!.message}`);
    }
  }

  /** Mines `blocks` reserved blocks at once (hardhat_mine): fast, but eth_call inside them sees no contract (see mine()). */
  async mineReserved(blocks: number): Promise<void> {
    await this.test.mine({ blocks });
  }

  async head(): Promise<number> {
    return Number(await this.publicClient.getBlockNumber({ cacheTime: 0 }));
  }

  async totalSupply(token: `0x${string}`): Promise<bigint> {
    return this.publicClient.readContract({ address: token, abi: viem.parseAbi(['function totalSupply() view returns (uint256)']), functionName: 'totalSupply' });
  }

  deployment(token: `0x${string}`, overrides: Partial<WatchedDeployment> = {}): WatchedDeployment {
    return { assetId: 'bAAPL', chainId: this.chainId, rpcUrl: this.node.url, contractAddress: token, decimals: 18, startBlock: this.deployedAt.get(token) ?? 0, confirmations: 2, batchBlocks: 50, rebasing: false, ...overrides };
  }

  stop(): Promise<void> {
    return this.node.stop();
  }
}
