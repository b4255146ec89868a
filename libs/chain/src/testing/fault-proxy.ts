import http from 'node:http';
import { AddressInfo } from 'node:net';

interface JsonRpcRequest {
  readonly id: number;
  readonly method: string;
  readonly params: unknown[];
}

export type Fault = 'rate-limit' | 'time-out';

/** Refuses eth_getLogs wider than `maxBlocks` with the given JSON-RPC error, as a provider's node does. */
export interface RangeLimit {
  readonly maxBlocks: number;
  readonly code: number;
  /** The message; `{from}`/`{to}` become the hex bounds of a narrower range the provider suggests. */
  readonly message: string;
}

/**
 * An HTTP proxy on 127.0.0.1 in front of a real node that injects the faults a public RPC endpoint
 * produces and a local node cannot: HTTP 429, a response that never comes, and a listener that is
 * gone for a while (what a client sees while the node restarts).
 */
export class FaultProxy {
  private queued: Fault[] = [];
  private server?: http.Server;
  private port = 0;
  private readonly hanging = new Set<http.ServerResponse>();
  /** Requests forwarded to the node, and faults injected. */
  forwarded = 0;
  injected = 0;
  /** eth_getLogs requests seen (each item of a JSON-RPC batch counts) and refused for their range. */
  getLogs = 0;
  refusedRanges = 0;
  /** Set to refuse wide eth_getLogs ranges, as providers do and a local node cannot. */
  rangeLimit?: RangeLimit;

  constructor(private readonly target: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** The next requests get these faults, in order; after them requests pass again. */
  inject(...faults: Fault[]): void {
    this.queued.push(...faults);
  }

  /** Stops listening (connections refused) until `start()` is called again on the same port. */
  async goDown(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    await this.goDown();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const fault = this.queued.shift();
    if (fault) this.injected++;
    if (fault === 'rate-limit') {
      res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': '1' }).end('Too Many Requests');
      return;
    }
    if (fault === 'time-out') {
      this.hanging.add(res); // never answered: the client's time-out fires
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    this.forwarded++;
    const body = Buffer.concat(chunks);
    if (this.rangeLimit) {
      const request = JSON.parse(body.toString()) as JsonRpcRequest | JsonRpcRequest[];
      const requests = Array.isArray(request) ? request : [request];
      const refused = requests.map((r) => this.refusal(r, this.rangeLimit!));
      if (refused.some((answer) => answer !== undefined)) {
        // The refused requests are answered here, the others by the node (as one batch), in the order asked.
        const rest = requests.filter((_, i) => refused[i] === undefined);
        const upstream = rest.length === 0 ? [] : ((await (await fetch(this.target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rest) })).json()) as { id: number }[]);
        const answers = requests.map((r, i) => refused[i] ?? upstream.find((a) => a.id === r.id));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(Array.isArray(request) ? answers : answers[0]));
        return;
      }
    }
    const upstream = await fetch(this.target, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(Buffer.from(await upstream.arrayBuffer()));
  }

  /** The error answer to an eth_getLogs wider than the limit; undefined for any other request. */
  private refusal(r: JsonRpcRequest, limit: RangeLimit): unknown {
    if (r.method !== 'eth_getLogs') return undefined;
    this.getLogs++;
    const { fromBlock, toBlock } = r.params[0] as { fromBlock: string; toBlock: string };
    const from = Number.parseInt(fromBlock, 16);
    if (Number.parseInt(toBlock, 16) - from + 1 <= limit.maxBlocks) return undefined;
    this.refusedRanges++;
    const message = limit.message.replace('{from}', fromBlock).replace('{to}', `0x${(from + limit.maxBlocks - 1).toString(16)}`);
    return { jsonrpc: '2.0', id: r.id, error: { code: limit.code, message } };
  }
}
