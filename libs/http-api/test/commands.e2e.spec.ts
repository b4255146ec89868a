import { sign } from 'jsonwebtoken';
import request from 'supertest';
import { ApiHarness, KEYS, startApi, TOKEN_SECRET } from './api-harness';
import { fourEyes } from './four-eyes';

const asset = { assetId: 'bAAPL', isin: 'US0378331005', symbol: 'bAAPL', name: 'Apple Inc.', initialMultiplier: '1' };

describe('Command API', () => {
  let api: ApiHarness;
  const http = () => request(api.app.getHttpServer());
  const version = (streamId: string) => api.store.streamVersion(streamId);

  beforeEach(async () => {
    api = await startApi();
  });
  afterEach(async () => {
    await api.close();
  });

  describe('When a caller is not authenticated', () => {
    it('should answer 401 without credentials and append nothing', async () => {
      await http().post('/assets').send(asset).expect(401);
      expect(await version('asset-bAAPL')).toBe(-1);
    });

    it('should answer 401 for an unknown API key', async () => {
      const response = await http().get('/streams/asset-bAAPL').set('X-API-Key', 'not-a-key-000000000').expect(401);
      expect(response.body.message).toMatch(/Unknown API key/);
    });

    it('should answer 401 for a token signed with another secret or expired', async () => {
      const forged = sign({ sub: 'mallory', roles: ['admin'] }, 'another-secret-another-secret-0000', { algorithm: 'HS256' });
      await http().get('/streams/asset-bAAPL').set('Authorization', `Bearer ${forged}`).expect(401);
      const expired = sign({ sub: 'alice', roles: ['operator'], exp: Math.floor(Date.now() / 1000) - 60 }, TOKEN_SECRET, { algorithm: 'HS256' });
      await http().get('/streams/asset-bAAPL').set('Authorization', `Bearer ${expired}`).expect(401);
    });
  });

  describe('When the caller has the wrong role', () => {
    it('should answer 403 to an auditor sending a command, and append nothing', async () => {
      await http().post('/assets').set('X-API-Key', KEYS.auditor).send(asset).expect(403);
      expect(await version('asset-bAAPL')).toBe(-1);
    });
  });

  describe('When an operator registers an asset', () => {
    it('should append AssetRegistered with the operator as actor and return the revision as ETag', async () => {
      const response = await http().post('/assets').set('X-API-Key', KEYS.operator).send(asset).expect(201);
      expect(response.headers.etag).toBe('"0"');
      expect(response.body).toMatchObject({ streamId: 'asset-bAAPL', version: 0, appended: [{ type: 'AssetRegistered' }] });
      const [event] = await api.store.readStream('asset-bAAPL');
      expect(event.metadata.actor).toBe('dev-operator');
      expect(event.data).toMatchObject({ isin: 'US0378331005', initialMultiplier: '1' });
    });

    it('should accept a signed token with the operator role', async () => {
      const token = sign({ sub: 'alice', roles: ['operator'] }, TOKEN_SECRET, { algorithm: 'HS256', expiresIn: '5m' });
      await http().post('/assets').set('Authorization', `Bearer ${token}`).send(asset).expect(201);
      const [event] = await api.store.readStream('asset-bAAPL');
      expect(event.metadata.actor).toBe('alice');
    });
  });

  describe('When the input is bad', () => {
    it('should answer 400 naming every bad field and append nothing', async () => {
      const response = await http()
        .post('/assets')
        .set('X-API-Key', KEYS.operator)
        .send({ ...asset, isin: 'XX123', initialMultiplier: 1.5, extra: true })
        .expect(400);
      const messages: string[] = response.body.message;
      expect(messages.some((m) => m.startsWith('isin:'))).toBe(true);
      expect(messages.some((m) => m.startsWith('initialMultiplier:'))).toBe(true);
      expect(messages.some((m) => m.startsWith('extra:'))).toBe(true);
      expect(await version('asset-bAAPL')).toBe(-1);
    });

    it('should answer 400 for an ISIN whose check digit is wrong, and append nothing', async () => {
      const response = await http().post('/assets').set('X-API-Key', KEYS.operator).send({ ...asset, isin: 'US0378331006' }).expect(400);
      expect(JSON.stringify(response.body.message)).toMatch(/isin/);
      expect(await version('asset-bAAPL')).toBe(-1);
    });
  });

  describe('When a trade or an issuance request names an asset nobody registered', () => {
    const trade = { tradeId: 'T-1', assetId: 'bNOPE', side: 'BUY', quantity: '10', price: '100', currency: 'USD', tradeDate: '2026-03-02', settlementDate: '2026-03-03', broker: 'Broker AG' };
    const mintRequest = { requestId: 'MR-1', assetId: 'bNOPE', chainId: 8453, amount: '1000000000000000000' };
    it('should answer 404 ASSET_NOT_FOUND naming the asset, and append nothing', async () => {
      for (const [path, body, stream] of [
        ['/trades', trade, 'trade-T-1'],
        ['/issuance/mint-requests', mintRequest, 'issuance-MR-1'],
        ['/issuance/redemption-requests', { ...mintRequest, requestId: 'RR-1' }, 'issuance-RR-1'],
      ] as const) {
        const refused = await http().post(path).set('X-API-Key', KEYS.operator).send(body).expect(404);
        expect(refused.body).toMatchObject({ error: 'ASSET_NOT_FOUND', message: expect.stringContaining('asset bNOPE is not registered') });
        expect(await version(stream)).toBe(-1);
      }
    });
    it('should take them once the asset is registered', async () => {
      await http().post('/assets').set('X-API-Key', KEYS.operator).send({ ...asset, assetId: 'bNOPE' }).expect(201);
      await http().post('/trades').set('X-API-Key', KEYS.operator).send(trade).expect(201);
      await http().post('/issuance/mint-requests').set('X-API-Key', KEYS.operator).send(mintRequest).expect(201);
      expect(await version('trade-T-1')).toBe(0);
      expect(await version('issuance-MR-1')).toBe(0);
    });
  });

  describe('When one on-chain transfer is recorded for two requests', () => {
    const TX = `0x${'cd'.repeat(32)}`;
    const transfer = (amount: string) => ({ chainId: 8453, txHash: TX, logIndex: 0, amount, blockNumber: 100, blockTime: '2026-03-02T10:00:00Z' });
    const post = (path: string, body: object) => http().post(path).set('X-API-Key', KEYS.operator).send(body);
    beforeEach(async () => {
      await post('/assets', asset).expect(201);
      await post('/assets', { ...asset, assetId: 'bCSPX', isin: 'IE00B5BMR087', symbol: 'bCSPX', name: 'iShares Core S&P 500' }).expect(201);
      await post('/issuance/mint-requests', { requestId: 'MR-A', assetId: 'bAAPL', chainId: 8453, amount: '1000' }).expect(201);
      await post('/issuance/mint-requests', { requestId: 'MR-B', assetId: 'bCSPX', chainId: 8453, amount: '1000' }).expect(201);
    });
    it('should answer 409 naming the asset it belongs to, and append nothing to the second request', async () => {
      await post('/issuance/MR-A/mints', transfer('1000')).expect(201);
      const refused = await post('/issuance/MR-B/mints', transfer('1000')).expect(409);
      expect(refused.body).toMatchObject({ error: 'TRANSFER_ALREADY_RECORDED', message: expect.stringContaining('already recorded for asset bAAPL (request MR-A)') });
      expect(await version('issuance-MR-B')).toBe(0);
      // The same record again for its own request is a retry: nothing new.
      expect((await post('/issuance/MR-A/mints', transfer('1000')).expect(201)).body.appended).toEqual([]);
    });
    it('should free the transfer again when its request refused it, for the request it belongs to', async () => {
      const refused = await post('/issuance/MR-A/mints', transfer('5000')).expect(422);
      expect(refused.body.error).toBe('EXCEEDS_REQUEST');
      expect(await version('issuance-MR-A')).toBe(0);
      await post('/issuance/MR-B/mints', transfer('1000')).expect(201);
      expect(await version('issuance-MR-B')).toBe(1);
    });
  });

  describe('When a client sends If-Match', () => {
    beforeEach(async () => {
      await http().post('/assets').set('X-API-Key', KEYS.operator).send(asset).expect(201);
    });

    it('should take a proposal made at the matching revision, and append it on approval', async () => {
      const response = await fourEyes(api.app, http()
        .post('/assets/bAAPL/custody-accounts')
        .set('X-API-Key', KEYS.operator)
        .set('If-Match', '"0"')
        .send({ custodian: 'BANKCHZZXXX', account: 'SAFE-001' }));
      expect(response.headers.etag).toBe('"1"');
    });

    it('should answer 409 for a proposal made at a stale revision and record nothing', async () => {
      await fourEyes(api.app, http().post('/assets/bAAPL/custody-accounts').set('X-API-Key', KEYS.operator).send({ custodian: 'BANKCHZZXXX', account: 'SAFE-001' }));
      const response = await http()
        .post('/assets/bAAPL/deployments')
        .set('X-API-Key', KEYS.operator)
        .set('If-Match', '"0"')
        .send({ chainId: 8453, contractAddress: '0x1111111111111111111111111111111111111111', decimals: 18 })
        .expect(409);
      expect(response.body.actualVersion).toBe(1);
      expect(await version('asset-bAAPL')).toBe(1);
    });

    it('should answer 400 for a malformed If-Match', async () => {
      await http().post('/assets/bAAPL/custody-accounts').set('X-API-Key', KEYS.operator).set('If-Match', 'zero').send({ custodian: 'B', account: 'A' }).expect(400);
    });
  });

  describe('When a client retries with the same Idempotency-Key', () => {
    it('should append the event once', async () => {
      const trade = {
        tradeId: 'T-1', assetId: 'bAAPL', side: 'BUY', quantity: '100.5', price: '238.90', currency: 'USD',
        tradeDate: '2026-11-23', settlementDate: '2026-11-24', broker: 'Broker AG',
      };
      await http().post('/assets').set('X-API-Key', KEYS.operator).send(asset).expect(201);
      for (let attempt = 0; attempt < 2; attempt++) {
        await http().post('/trades').set('X-API-Key', KEYS.operator).set('Idempotency-Key', 'retry-0000-1').send(trade).expect(201);
      }
      const events = await api.store.readStream('trade-T-1');
      expect(events.map((event) => event.type)).toEqual(['TradeExecuted']);
      expect(events[0].data).toMatchObject({ quantity: '100.5' });
    });
  });
});
