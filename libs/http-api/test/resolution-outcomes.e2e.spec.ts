import { dumpReadModels, rebuildReadModels } from '@recon/read-models';
import request from 'supertest';
import { READ_MODELS, ReadModels } from '../src/read-side/read-models.provider';
import { ApiHarness, KEYS, startApi } from './api-harness';
import { fourEyes } from './four-eyes';
import { eventually, lastBusinessDay } from './test-clock';

jest.setTimeout(90_000);

const APPLE = 'US0378331005';
const MICROSOFT = 'US5949181045';
const TEN_TOKENS = '10000000000000000000';
const DAY_MS = 86_400_000;

interface QueueItem {
  exceptionId: string;
  breakType: string;
  subject: string | null;
  status: string;
  slaDueAt: string | null;
  outcome: string | null;
  reasonCode: string | null;
  justification: string | null;
  acceptedAmount: string | null;
  acceptedUntil: string | null;
  reopenReason: string | null;
  figures: Record<string, string>;
}

/**
 * Resolution outcomes through the API, with the reconciler running as in production: an operator
 * proposes, an approver approves, and later statements and clock sweeps either leave the closure
 * alone or reopen it for the reason the outcome names.
 */
describe('Resolution outcomes through the API', () => {
  let api: ApiHarness;
  let statements = 0;
  const http = () => request(api.app.getHttpServer());
  const as = (key: string) => ({ 'X-API-Key': key });
  const day = lastBusinessDay();
  const dateAfter = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

  /** A custody statement as the custodian's channel delivers it (a CSV upload): evidence, not a manual entry. */
  const deliverStatement = async (lines: ReadonlyArray<readonly [string, string]>) => {
    statements += 1;
    const header = 'custodian,account,sub_account,reference,page,last_page,as_of_date,as_of_time,basis,completeness,function,isin,description,quantity_type,aggregate';
    const rows = lines.map(([isin, quantity]) => `DEMOCHZZ,SAFE-0001,,HOLD-${statements},1,Y,${day},17:${String(statements).padStart(2, '0')}:00,SETT,COMP,NEWM,${isin},HOLDING,UNIT,${quantity}`);
    await http().post('/custody/statements/upload').set(as(KEYS.operator)).attach('file', Buffer.from([header, ...rows].join('\n') + '\n'), `holdings-${statements}.csv`).expect(201);
    await api.settled();
  };
  const queue = async (breakType: string): Promise<QueueItem[]> => (await http().get(`/exceptions?breakType=${breakType}`).set(as(KEYS.operator)).expect(200)).body.items;
  const theOne = async (breakType: string): Promise<QueueItem> => {
    const items = await eventually(() => queue(breakType), (found) => found.length === 1, `one ${breakType} exception`);
    return items[0]!;
  };
  const detail = async (exceptionId: string) => (await http().get(`/exceptions/${exceptionId}`).set(as(KEYS.auditor)).expect(200)).body;

  /** The operator proposes, a different identity (the approver) approves; the proposal id is read back from the stream. */
  const resolve = async (exceptionId: string, body: Record<string, string>) => {
    await http().post(`/exceptions/${exceptionId}/proposals`).set(as(KEYS.operator)).send(body).expect(201);
    const proposed = (await api.store.readStream(`exception-${exceptionId}`)).filter((event) => event.type === 'ResolutionProposed').at(-1)!;
    const { proposalId } = proposed.data as { proposalId: string };
    await http().post(`/exceptions/${exceptionId}/proposals/${proposalId}/approval`).set(as(KEYS.operator)).expect(403);
    await http().post(`/exceptions/${exceptionId}/proposals/${proposalId}/approval`).set(as(KEYS.approver)).expect(201);
    await api.settled();
    return proposalId;
  };

  /**
   * A rebuild from the store ends with the read models the live projector wrote: outcomes, ignore
   * lists and reopenings are folded from the same events.
   */
  const expectRebuildToMatch = async () => {
    await api.settled();
    const { dataSource, schema } = api.app.get<ReadModels>(READ_MODELS);
    const live = await dumpReadModels(dataSource, schema);
    await api.projector.stop();
    await rebuildReadModels({ dataSource, schema, store: api.store });
    // The findings book keeps the as-of of the pass that last saw each break: a live clock sweep's
    // instant, which a rebuild (judging at the events' times) does not repeat.
    const { reconciler_findings: _rebuiltFindings, ...rebuilt } = await dumpReadModels(dataSource, schema);
    const { reconciler_findings: _liveFindings, ...expected } = live;
    expect(rebuilt).toEqual(expected);
  };

  beforeEach(async () => {
    api = await startApi();
    statements = 0;
    await http().post('/assets').set(as(KEYS.operator)).send({ assetId: 'bAAPL', isin: APPLE, symbol: 'bAAPL', name: 'Apple Inc.', initialMultiplier: '1' }).expect(201);
    // Reference data goes through four eyes: proposed by the operator, approved by the approver.
    await fourEyes(api.app, http().post('/assets/bAAPL/deployments').set(as(KEYS.operator)).send({ chainId: 1, contractAddress: '0x3f0c0e9c1b2a9d5e4c3b2a1f0e9d8c7b6a5f4e3d', decimals: 18 }));
    await fourEyes(api.app, http().post('/assets/bAAPL/custody-accounts').set(as(KEYS.operator)).send({ custodian: 'DEMOCHZZ', account: 'SAFE-0001' }));
    await http().post('/issuance/mint-requests').set(as(KEYS.operator)).send({ requestId: 'MR-1', assetId: 'bAAPL', chainId: 1, amount: TEN_TOKENS }).expect(201);
    await http().post('/issuance/MR-1/mints').set(as(KEYS.operator))
      .send({ chainId: 1, txHash: `0x${'a'.repeat(64)}`, logIndex: 1, amount: TEN_TOKENS, blockNumber: 101, blockTime: `${day}T10:00:00.000Z` }).expect(201);
  });
  afterEach(async () => {
    await api.close();
  });

  describe('Given 10 shares required and a statement holding 9 (under-collateralized by 1)', () => {
    beforeEach(async () => {
      await deliverStatement([[APPLE, '9']]);
      expect(await theOne('under-collateralized')).toMatchObject({ status: 'OPEN', figures: { difference: '-1' } });
    });

    it('should refuse a malformed proposal naming the field, and an accept-difference without its date', async () => {
      const { exceptionId } = await theOne('under-collateralized');
      const bad = await http().post(`/exceptions/${exceptionId}/proposals`).set(as(KEYS.operator)).send({ outcome: 'forget-it', reasonCode: 'TIMING', justification: 'x' }).expect(400);
      expect(JSON.stringify(bad.body.message)).toMatch(/outcome must be one of/);
      const code = await http().post(`/exceptions/${exceptionId}/proposals`).set(as(KEYS.operator)).send({ outcome: 'write-off', reasonCode: 'LATE', justification: 'x' }).expect(400);
      expect(JSON.stringify(code.body.message)).toMatch(/reasonCode must be one of/);
      const undated = await http().post(`/exceptions/${exceptionId}/proposals`).set(as(KEYS.operator)).send({ outcome: 'accept-difference', reasonCode: 'TIMING', justification: 'x', amount: '2' }).expect(400);
      expect(JSON.stringify(undated.body.message)).toMatch(/until:/);
      expect((await theOne('under-collateralized')).status).toBe('OPEN');
    });

    describe('When a difference of up to 2 is accepted for 30 days', () => {
      let exceptionId: string;
      const until = dateAfter(30);
      beforeEach(async () => {
        ({ exceptionId } = await theOne('under-collateralized'));
        await resolve(exceptionId, { outcome: 'accept-difference', reasonCode: 'TIMING', justification: 'custodian books the last share on Monday', amount: '2', until });
      });

      it('should show it closed with the outcome and no SLA countdown, across reconciler passes and sweeps', async () => {
        const closed = { status: 'CLOSED', slaDueAt: null, outcome: 'accept-difference', reasonCode: 'TIMING', justification: 'custodian books the last share on Monday', acceptedAmount: '2', acceptedUntil: until };
        expect(await theOne('under-collateralized')).toMatchObject(closed);
        await deliverStatement([[APPLE, '8.5']]);
        await api.sweepAt(new Date());
        // Still within the accepted 2: the exception keeps the figures it was closed on.
        expect(await theOne('under-collateralized')).toMatchObject({ ...closed, figures: { difference: '-1' } });
        expect((await detail(exceptionId)).resolutions).toEqual([expect.objectContaining({ outcome: 'accept-difference', proposedBy: 'dev-operator', approvedBy: 'dev-approver', status: 'in-force' })]);
      });

      it('should reopen when the difference grows beyond the accepted amount, keeping the earlier resolution in the history', async () => {
        await deliverStatement([[APPLE, '7.5']]);
        const reopened = await eventually(() => theOne('under-collateralized'), (item) => item.status === 'OPEN', 'the reopening');
        expect(reopened).toMatchObject({ reopenReason: 'difference 2.5 exceeds accepted 2', outcome: null, figures: { difference: '-2.5' } });
        expect(reopened.slaDueAt).not.toBeNull();
        const { resolutions, history } = await detail(exceptionId);
        expect(resolutions).toEqual([expect.objectContaining({ outcome: 'accept-difference', status: 'reopened', reopenReason: 'difference 2.5 exceeds accepted 2' })]);
        // Before the proposal the break may have been raised on the mint alone and updated by the statement.
        expect(history.map((event: { type: string }) => event.type).slice(-4)).toEqual(['ResolutionProposed', 'ResolutionApproved', 'ExceptionClosed', 'ExceptionReopened']);
        await expectRebuildToMatch();
      });

      it('should reopen once the accepted date has passed, at the clock sweep', async () => {
        await api.sweepAt(new Date(`${until}T23:00:00.000Z`));
        expect((await theOne('under-collateralized')).status).toBe('CLOSED');
        await api.sweepAt(new Date(Date.parse(`${until}T00:00:00.000Z`) + 1.5 * DAY_MS));
        expect(await theOne('under-collateralized')).toMatchObject({ status: 'OPEN', reopenReason: `acceptance expired ${until}` });
      });
    });

    describe('When the difference is written off', () => {
      let exceptionId: string;
      beforeEach(async () => {
        ({ exceptionId } = await theOne('under-collateralized'));
        await resolve(exceptionId, { outcome: 'write-off', reasonCode: 'BOOKING_ERROR', justification: 'share booked twice in 2024, adjusted in the ledger' });
      });

      it('should record the adjusting entry with its audit trail and stay closed while nothing else moves', async () => {
        const { history, resolutions } = await detail(exceptionId);
        const adjustment = history.find((event: { type: string }) => event.type === 'AdjustmentRecorded');
        expect(adjustment.data).toMatchObject({ amount: '-1', subject: 'collateral', breakType: 'under-collateralized', proposedBy: 'dev-operator', approvedBy: 'dev-approver', reasonCode: 'BOOKING_ERROR' });
        expect(resolutions[0]).toMatchObject({ outcome: 'write-off', amount: '-1', recorded: { type: 'AdjustmentRecorded' } });
        await deliverStatement([[APPLE, '9']]);
        await api.sweepAt(new Date());
        expect(await theOne('under-collateralized')).toMatchObject({ status: 'CLOSED', outcome: 'write-off', acceptedAmount: '-1', slaDueAt: null });
        await expectRebuildToMatch();
      });

      it('should reopen when what remains after the adjustment exceeds tolerance', async () => {
        await deliverStatement([[APPLE, '8']]);
        const reopened = await eventually(() => theOne('under-collateralized'), (item) => item.status === 'OPEN', 'the reopening');
        expect(reopened.reopenReason).toMatch(/^difference -2 net of written-off -1 leaves -1, beyond tolerance/);
      });
    });

    describe('When the break is fixed at source', () => {
      let exceptionId: string;
      beforeEach(async () => {
        ({ exceptionId } = await theOne('under-collateralized'));
        await resolve(exceptionId, { outcome: 'fixed-at-source', reasonCode: 'CUSTODIAN_ERROR', justification: 'custodian corrects its statement tonight' });
      });

      it('should stay closed on the evidence it was closed on, and reopen when a newer statement still shows it', async () => {
        await api.sweepAt(new Date());
        expect(await theOne('under-collateralized')).toMatchObject({ status: 'CLOSED', outcome: 'fixed-at-source' });
        await deliverStatement([[APPLE, '9']]);
        await api.sweepAt(new Date());
        const reopened = await theOne('under-collateralized');
        expect(reopened.status).toBe('OPEN');
        expect(reopened.reopenReason).toMatch(/^seen again on evidence /);
      });
    });
  });

  describe('Given a statement that also holds an ISIN no asset maps to', () => {
    beforeEach(async () => {
      await deliverStatement([[APPLE, '10'], [MICROSOFT, '50']]);
    });

    it('should put the ISIN on the account\'s ignore list on approval, and raise nothing for it on later statements', async () => {
      const unknown = await theOne('unknown-instrument');
      expect(unknown).toMatchObject({ status: 'OPEN', subject: `isin:DEMOCHZZ:SAFE-0001:${MICROSOFT}` });
      await resolve(unknown.exceptionId, { outcome: 'ignore-instrument', reasonCode: 'NOT_TOKENIZED', justification: 'treasury holding, never tokenized' });
      const ignored = (await detail(unknown.exceptionId)).history.find((event: { type: string }) => event.type === 'InstrumentIgnored');
      expect(ignored.data).toMatchObject({ custodian: 'DEMOCHZZ', account: 'SAFE-0001', isin: MICROSOFT, proposedBy: 'dev-operator', approvedBy: 'dev-approver' });

      await deliverStatement([[APPLE, '10'], [MICROSOFT, '60']]);
      await api.sweepAt(new Date());
      expect(await queue('unknown-instrument')).toEqual([expect.objectContaining({ exceptionId: unknown.exceptionId, status: 'CLOSED', outcome: 'ignore-instrument' })]);
      await expectRebuildToMatch();
    });
  });
});
