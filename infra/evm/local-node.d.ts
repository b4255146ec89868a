export interface LocalNode {
  readonly url: string;
  readonly port: number;
  readonly chainId: number;
  stop(): Promise<void>;
}
export function startLocalNode(options?: { chainId?: number; timeoutMs?: number }): Promise<LocalNode>;
export function freePort(): Promise<number>;
