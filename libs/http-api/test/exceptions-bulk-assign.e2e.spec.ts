import { sign } from 'jsonwebtoken';
import request from 'supertest';
import { ApiHarness, KEYS, startApi, TOKEN_SECRET } from './api-harness';

const raised = (exceptionId: string) => ({
  exceptionId, assetId: 'bAAPL', breakType: 'under-collateralized', severity: 'critical', figures: { required: '1000', held: '990', difference: '-10' }, evidenceEventIds: [],
});

describe('POST /exceptions/assign', () => {
  let api: ApiHarness;
  const http = () => request(api.app.getHttpServer());
  const otherApprover = `Bearer ${sign({ sub: 'carol', roles: ['approver'] }, TOKEN_SECRET, { algorithm: 'HS256', expiresIn: '1h' })}`;
  const streamTypes = async (id: string) => (await api.store.readStream(`exception-${id}`)).map((event) => event.type);

  beforeAll(async () => {
    api = await startApi();
    for (const id of ['EX-1', 'EX-2', 'EX-closed']) await http().post('/exceptions').set('X-API-Key', KEYS.operator).send(raised(id)).expect(201);
    // EX-closed: proposed by one approver, approved by another.
    await http().post('/exceptions/EX-closed/proposals').set('X-API-Key', KEYS.approver).send({ resolution: 'Booked' }).expect(201);
    const proposal = (await api.store.readStream('exception-EX-closed')).at(-1)!.data as { proposalId: string };
    await http().post(`/exceptions/EX-closed/proposals/${proposal.proposalId}/approval`).set('Authorization', otherApprover).expect(201);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('should assign each through its aggregate and say, per id, assigned or refused and why; one refusal stops none of the others', async () => {
    const closedBefore = await streamTypes('EX-closed');
    const { body } = await http().post('/exceptions/assign').set('X-API-Key', KEYS.approver)
      .send({ exceptionIds: ['EX-1', 'EX-never-raised', 'EX-closed', 'EX-2', 'EX-1'], assignee: 'alice' }).expect(200);
    expect(body).toMatchObject({ assignee: 'alice', assigned: 2, refused: 2 });
    expect(body.outcomes.map((o: { exceptionId: string; outcome: string; code?: string }) => [o.exceptionId, o.outcome, o.code ?? null])).toEqual([
      ['EX-1', 'assigned', null],
      ['EX-never-raised', 'refused', 'EXCEPTION_NOT_FOUND'],
      ['EX-closed', 'refused', 'EXCEPTION_CLOSED'],
      ['EX-2', 'assigned', null],
    ]);
    expect(body.outcomes[1].reason).toBe('exception EX-never-raised was never raised');
    expect(body.outcomes[2].reason).toBe('exception EX-closed is Closed');
    for (const id of ['EX-1', 'EX-2']) {
      const events = await api.store.readStream(`exception-${id}`);
      expect(events.at(-1)).toMatchObject({ type: 'ExceptionAssigned', data: { assignee: 'alice' }, metadata: expect.objectContaining({ actor: 'dev-approver' }) });
    }
    expect(await streamTypes('EX-closed')).toEqual(closedBefore);
    expect(await streamTypes('EX-never-raised')).toEqual([]);
    await api.settled();
    const queue = (await http().get('/exceptions?assignee=alice&status=OPEN').set('X-API-Key', KEYS.operator).expect(200)).body;
    expect(queue.items.filter((i: { assignee: string }) => i.assignee === 'alice').map((i: { exceptionId: string }) => i.exceptionId).sort()).toEqual(['EX-1', 'EX-2']);
  });

  it('should refuse auditors, and a request naming no exception or a malformed id', async () => {
    await http().post('/exceptions/assign').set('X-API-Key', KEYS.auditor).send({ exceptionIds: ['EX-1'], assignee: 'alice' }).expect(403);
    const empty = await http().post('/exceptions/assign').set('X-API-Key', KEYS.operator).send({ exceptionIds: [], assignee: 'alice' }).expect(400);
    expect(JSON.stringify(empty.body.message)).toMatch(/exceptionIds/);
    const malformed = await http().post('/exceptions/assign').set('X-API-Key', KEYS.operator).send({ exceptionIds: ['EX 1'], assignee: 'alice' }).expect(400);
    expect(JSON.stringify(malformed.body.message)).toMatch(/each of exceptionIds must be 1-64 letters/);
    expect((await api.store.readStream('exception-EX-1')).filter((e) => e.type === 'ExceptionAssigned')).toHaveLength(1);
  });
});
