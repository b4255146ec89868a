import { TOKEN_ABI } from './abi';
import { viem, Viem } from './viem';

/** Multicall3's address: the same on every chain it is deployed on (mainnets and most L2s). */
export const MULTICALL3_ADDRESS = '0xca11bde05977b3631167028862be2a173976ca11';

interface Pending {
  readonly token: `0x${string}`;
  resolve(value: bigint): void;
  reject(error: unknown): void;
}

export interface SupplyReadsOptions {
  readonly multicallAddress?: `0x${string}`;
  /** How long a read waits for others at the same block to join it, in ms. */
  readonly waitMs?: number;
  /** Calls per aggregate3. */
  readonly maxCalls?: number;
}

/**
 * `totalSupply()` of many tokens on one chain: reads asked for the same block within `waitMs` of each
 * other go out as one Multicall3 `aggregate3` when the chain has Multicall3 (checked once, by its
 * code), one eth_call each otherwise, or when the multicall itself fails (a block before Multicall3
 * was deployed). One instance per chain, shared by the watchers of that chain.
 */
export class SupplyReads {
  /** Reads asked for, eth_calls sent for them (an aggregate3 counts once), aggregate3 calls among those. */
  readonly stats = { reads: 0, calls: 0, multicalls: 0 };
  private readonly pending = new Map<number, Pending[]>();
  private timer?: NodeJS.Timeout;
  private hasMulticall?: Promise<boolean>;
  private readonly address: `0x${string}`;

  constructor(private readonly client: Viem.PublicClient, private readonly options: SupplyReadsOptions = {}) {
    this.address = options.multicallAddress ?? MULTICALL3_ADDRESS;
  }

  read(token: `0x${string}`, blockNumber: number): Promise<bigint> {
    this.stats.reads++;
    return new Promise<bigint>((resolve, reject) => {
      const group = this.pending.get(blockNumber) ?? [];
      group.push({ token, resolve, reject });
      this.pending.set(blockNumber, group);
      this.timer ??= setTimeout(() => this.flush(), this.options.waitMs ?? 2);
    });
  }

  private flush(): void {
    this.timer = undefined;
    const groups = [...this.pending];
    this.pending.clear();
    const max = this.options.maxCalls ?? 200;
    for (const [blockNumber, group] of groups) {
      for (let i = 0; i < group.length; i += max) void this.send(blockNumber, group.slice(i, i + max));
    }
  }

  private direct(blockNumber: number, reads: readonly Pending[]): void {
    for (const read of reads) {
      this.stats.calls++;
      this.client.readContract({ address: read.token, abi: TOKEN_ABI, functionName: 'totalSupply', blockNumber: BigInt(blockNumber) }).then(read.resolve, read.reject);
    }
  }

  private async send(blockNumber: number, reads: readonly Pending[]): Promise<void> {
    if (reads.length === 1 || !(await this.multicallAvailable())) return this.direct(blockNumber, reads);
    let results: readonly { status: 'success' | 'failure'; result?: unknown; error?: unknown }[];
    try {
      this.stats.calls++;
      this.stats.multicalls++;
      results = await this.client.multicall({
        multicallAddress: this.address, blockNumber: BigInt(blockNumber), allowFailure: true,
        contracts: reads.map((read) => ({ address: read.token, abi: TOKEN_ABI, functionName: 'totalSupply' as const })),
      });
    } catch {
      // Multicall3 not there at that block, or the node refused the call: one eth_call each, each with its own error.
      return this.direct(blockNumber, reads);
    }
    reads.forEach((read, i) => {
      const result = results[i]!;
      if (result.status === 'success' && typeof result.result === 'bigint') read.resolve(result.result);
      else this.direct(blockNumber, [read]); // the single call gives the error its usual shape (a revert, no contract)
    });
  }

  private multicallAvailable(): Promise<boolean> {
    this.hasMulticall ??= this.client.getCode({ address: this.address }).then((code) => code !== undefined && code !== '0x', () => {
      this.hasMulticall = undefined; // ask again next time
      return false;
    });
    return this.hasMulticall;
  }
}

/** A client for reading one chain: viem's own retry off (see retry.ts), concurrent requests sent as JSON-RPC batches. */
export function chainClient(rpcUrl: string, timeoutMs = 10_000): Viem.PublicClient {
  return viem.createPublicClient({ transport: viem.http(rpcUrl, { retryCount: 0, timeout: timeoutMs, batch: { batchSize: 100, wait: 0 } }) });
}
