import http from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { ApiHarness, KEYS, startApi } from './api-harness';
import { UNDER_COLLATERALIZED_RAISE } from './exception-fixtures';

jest.setTimeout(30_000);

const raise = UNDER_COLLATERALIZED_RAISE;

interface ServerSentEvent {
  readonly type: string;
  readonly data: unknown;
}

/** Opens the live feed as a browser's fetch would (key in a header) and collects its events. */
function openFeed(port: number, key: string): { events: ServerSentEvent[]; status: Promise<number>; close(): void } {
  const events: ServerSentEvent[] = [];
  let buffer = '';
  let settle: (status: number) => void = () => undefined;
  const status = new Promise<number>((resolve) => (settle = resolve));
  const req = http.get({ host: '127.0.0.1', port, path: '/live/findings', headers: { 'X-API-Key': key, Accept: 'text/event-stream' } }, (response) => {
    settle(response.statusCode ?? 0);
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) => block.split('\n').find((line) => line.startsWith(`${name}:`))?.slice(name.length + 1).trim();
        events.push({ type: field('event') ?? 'message', data: JSON.parse(field('data') ?? 'null') });
      }
    });
  });
  req.on('error', () => undefined);
  return { events, status, close: () => req.destroy() };
}

async function eventually(check: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Web application support routes', () => {
  let api: ApiHarness;
  let port: number;

  beforeAll(async () => {
    api = await startApi({}, { feedPollMs: 100 });
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    await api?.close();
  });

  describe('GET /session', () => {
    it('should name the user and roles behind a key, and refuse an unknown key', async () => {
      const server = api.app.getHttpServer();
      expect((await request(server).get('/session').set('X-API-Key', KEYS.approver).expect(200)).body).toEqual({ user: 'dev-approver', roles: ['approver'], via: 'api-key' });
      expect((await request(server).get('/session').set('X-API-Key', KEYS.regulator).expect(200)).body.roles).toEqual(['regulator']);
      await request(server).get('/session').set('X-API-Key', 'not-a-key').expect(401);
    });
  });

  describe('GET /live/findings', () => {
    it('should refuse a caller without credentials or without a queue role', async () => {
      await request(api.app.getHttpServer()).get('/live/findings').expect(401);
      await request(api.app.getHttpServer()).get('/live/findings').set('X-API-Key', KEYS.regulator).expect(403);
    });

    it('should push a raised exception, and its change, to a connected client', async () => {
      const feed = openFeed(port, KEYS.operator);
      try {
        expect(await feed.status).toBe(200);
        await eventually(() => feed.events.some((event) => event.type === 'ready'), 'the ready event');
        await request(api.app.getHttpServer()).post('/exceptions').set('X-API-Key', KEYS.operator).send(raise).expect(201);
        await api.settled();
        const findings = () => feed.events.filter((event) => event.type === 'findings').map((event) => event.data as { exceptions: Array<{ exceptionId: string; version: number; status: string }> });
        await eventually(() => findings().some((change) => change.exceptions.some((item) => item.exceptionId === raise.exceptionId)), 'the raised exception');
        expect(findings()[0]).toMatchObject({ exceptions: [{ exceptionId: raise.exceptionId, assetId: 'bAAPL', severity: 'critical', status: 'OPEN', version: 0 }], more: 0 });

        await request(api.app.getHttpServer()).post(`/exceptions/${raise.exceptionId}/assignment`).set('X-API-Key', KEYS.operator).send({ assignee: 'dev-operator' }).expect(201);
        await api.settled();
        await eventually(() => findings().some((change) => change.exceptions.some((item) => item.version === 1)), 'the assignment');
      } finally {
        feed.close();
      }
    });
  });
});
