import http from 'node:http';
import { AddressInfo } from 'node:net';

export type Fault = 'rate-limit' | 'time-out';

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
    const upstream = await fetch(this.target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) });
    res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(Buffer.from(await upstream.arrayBuffer()));
  }
}
