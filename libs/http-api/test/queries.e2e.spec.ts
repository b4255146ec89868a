import request from 'supertest';
import { ApiHarness, KEYS, startApi } from './api-harness';

describe('Query API', () => {
  let api: ApiHarness;
  const http = () => request(api.app.getHttpServer());

  beforeAll(async () => {
    api = await startApi();
    await http()
      .post('/assets')
      .set('X-API-Key', KEYS.operator)
      .send({ assetId: 'bCSPX', isin: 'IE00B5BMR087', symbol: 'bCSPX', name: 'iShares Core S&P 500', initialMultiplier: '1' })
      .expect(201);
  });
  afterAll(async () => {
    await api.close();
  });

  describe('When an auditor reads a stream', () => {
    it('should return the events with the revision as ETag, and 304 when unchanged', async () => {
      const response = await http().get('/streams/asset-bCSPX').set('X-API-Key', KEYS.auditor).expect(200);
      expect(response.headers.etag).toBe('"0"');
      expect(response.body.events).toHaveLength(1);
      expect(response.body.events[0]).toMatchObject({ type: 'AssetRegistered', streamVersion: 0, globalPosition: '1' });
      expect(response.body.events[0].hash).toMatch(/^[0-9a-f]{64}$/);
      await http().get('/streams/asset-bCSPX').set('X-API-Key', KEYS.auditor).set('If-None-Match', '"0"').expect(304);
    });

    it('should read an unknown stream as empty at revision -1', async () => {
      const response = await http().get('/streams/asset-nothing').set('X-API-Key', KEYS.auditor).expect(200);
      expect(response.body).toMatchObject({ version: -1, events: [] });
    });

    it('should page through $all in order', async () => {
      const response = await http().get('/events?after=0&limit=10').set('X-API-Key', KEYS.auditor).expect(200);
      expect(response.body.events.map((e: { globalPosition: string }) => e.globalPosition)).toEqual(['1']);
      await http().get('/events?limit=0').set('X-API-Key', KEYS.auditor).expect(400);
    });
  });

  describe('When a regulator browses streams', () => {
    it('should answer 403: regulators receive reports, not raw streams', async () => {
      await http().get('/streams/asset-bCSPX').set('X-API-Key', KEYS.regulator).expect(403);
    });
  });

  describe('When anyone opens the API documentation', () => {
    it('should serve OpenAPI with the command routes and their security schemes', async () => {
      const response = await http().get('/docs/openapi.json').expect(200);
      expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/assets', '/trades', '/streams/{streamId}']));
      expect(Object.keys(response.body.components.securitySchemes)).toEqual(expect.arrayContaining(['api-key', 'bearer']));
      await http().get('/docs').expect(200);
    });
  });
});
