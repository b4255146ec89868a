import { sign } from 'jsonwebtoken';
import request from 'supertest';
import { seedDemo } from '../src/demo/demo-seed';
import { ApiHarness, KEYS, startApi, TOKEN_SECRET } from './api-harness';

const raised = (exceptionId: string) => ({
  exceptionId, assetId: 'bAAPL', breakType: 'under-collateralized', severity: 'critical', figures: { required: '1000', held: '990', difference: '-10' }, evidenceEventIds: [],
});

describe('Reference data, identities and the queue filtered by assignee', () => {
  let api: ApiHarness;
  const http = () => request(api.app.getHttpServer());
  const tokenOf = (sub: string, roles: string[]) => `Bearer ${sign({ sub, roles }, TOKEN_SECRET, { algorithm: 'HS256', expiresIn: '1h' })}`;

  beforeAll(async () => {
    api = await startApi({ RECON_API_KEYS: 'checker-key-carol-0001:approver:Carol' });
    await seedDemo(api.app, new Date().toISOString());
    for (const id of ['EX-mine', 'EX-theirs', 'EX-nobody']) await http().post('/exceptions').set('X-API-Key', KEYS.operator).send(raised(id)).expect(201);
    await http().post('/exceptions/EX-mine/assignment').set('X-API-Key', KEYS.operator).send({ assignee: 'dev-operator' }).expect(201);
    await http().post('/exceptions/EX-theirs/assignment').set('Authorization', tokenOf('zoe', ['operator'])).send({ assignee: 'zoe' }).expect(201);
    await api.settled();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('should list the registered assets with their multiplier, deployments per chain and linked custody accounts', async () => {
    const { body } = await http().get('/assets').set('X-API-Key', KEYS.auditor).expect(200);
    expect(body.map((asset: { assetId: string }) => asset.assetId)).toEqual(['bAAPL', 'bCSPX']);
    expect(body[1]).toMatchObject({
      assetId: 'bCSPX', isin: 'IE00B5BMR087', multiplier: '1',
      deployments: [
        { chainId: 1, contractAddress: '0x5b2c3d4e5f60718293a4b5c6d7e8f90123456789', decimals: 18 },
        { chainId: 8453, contractAddress: '0x6c3d4e5f60718293a4b5c6d7e8f9012345678901', decimals: 18 },
      ],
      custodyAccounts: [{ custodian: 'DEMOCHZZ', account: 'SAFE-0001' }],
    });
  });

  it('should refuse the asset list to a role outside the back office', async () => {
    await http().get('/assets').set('X-API-Key', KEYS.regulator).expect(403);
  });

  it('should name the configured key users with their roles and the identities seen acting, normalised', async () => {
    const { body } = await http().get('/identities').set('X-API-Key', KEYS.operator).expect(200);
    const byId = new Map(body.map((identity: { id: string }) => [identity.id, identity]));
    expect(byId.get('carol')).toEqual({ id: 'carol', roles: ['approver'], sources: ['api-key'] });
    expect(byId.get('dev-approver')).toMatchObject({ roles: ['approver'] });
    // zoe signed in with a token only; she is known because she acted (an assignee).
    expect(byId.get('zoe')).toEqual({ id: 'zoe', roles: [], sources: ['actor'] });
    expect(byId.get('dev-operator')).toMatchObject({ roles: ['operator'], sources: ['api-key', 'actor'] });
    expect(body.map((identity: { id: string }) => identity.id)).toEqual([...byId.keys()].sort());
  });

  it('should filter the queue to the caller\'s and the unassigned with assignee=me,none', async () => {
    const ids = async (auth: [string, string], query: string) =>
      (await http().get(`/exceptions?${query}&sort=slaDueAt&order=asc`).set(...auth).expect(200)).body.items
        .map((item: { exceptionId: string }) => item.exceptionId).filter((id: string) => id.startsWith('EX-')).sort();
    expect(await ids(['X-API-Key', KEYS.operator], 'status=OPEN,AWAITING_APPROVAL&assignee=me,none')).toEqual(['EX-mine', 'EX-nobody']);
    expect(await ids(['Authorization', tokenOf(' Zoe ', ['operator'])], 'assignee=me')).toEqual(['EX-theirs']);
    expect(await ids(['X-API-Key', KEYS.operator], 'assignee=none')).toEqual(['EX-nobody']);
    expect(await ids(['X-API-Key', KEYS.operator], 'assignee=zoe&assignee=dev-operator')).toEqual(['EX-mine', 'EX-theirs']);
  });
});
