import { ReconciliationProjection } from '@recon/read-models';
import request from 'supertest';
import { READ_MODELS, ReadModels } from '../src/read-side/read-models.provider';
import { ApiHarness, KEYS, startApi } from './api-harness';
import { approveChange } from './four-eyes';

jest.setTimeout(60_000);

const APPLE = 'US0378331005';
const CSPX = 'IE00B5BMR087';
const TOKEN = '0x3f0c0e9c1b2a9d5e4c3b2a1f0e9d8c7b6a5f4e3d';
const TEN_TOKENS = '10000000000000000000'; // 10 × 10^18 base units: 10 shares at multiplier 1
const ACCOUNT = { custodian: 'DEMOCHZZ', account: 'SAFE-0001' };

/**
 * The day of each story: trades settle on it and the custodian's statement is of it. A statement of
 * today is the newest the daily calendar can ask for until tomorrow's is due (the next weekday at
 * 09:00 UTC), so every instant swept below finds the statement on time.
 */
const TODAY = new Date().toISOString().slice(0, 10);
/** `time` (UTC) on the day `days` after today. */
const onDay = (days: number, time: string) => new Date(Date.parse(`${TODAY}T${time}Z`) + days * 86_400_000);

interface QueueItem {
  exceptionId: string;
  shortId: string;
  assetId: string;
  breakType: string;
  status: string;
  severity: string;
  figures: Record<string, string>;
  evidenceEventIds: string[];
}

interface Appended {
  eventId: string;
  type: string;
}

/**
 * The three breaks that had only pure scenario tests, end to end: the situation built through the
 * HTTP API, the projector and the continuous reconciler raising the exception with its exact figures
 * and evidence, the cause fixed through the API clearing that same exception, and a repeated command
 * or a redelivered event changing nothing.
 */
describe('Break scenarios through the API', () => {
  let api: ApiHarness;
  const http = () => request(api.app.getHttpServer());
  const as = (key: string) => ({ 'X-API-Key': key });
  /** A command through the API; the events it appended. */
  const send = async (path: string, body: object): Promise<Appended[]> => {
    let response = await http().post(path).set(as(KEYS.operator)).send(body);
    // Figures typed in by hand are proposals: a second identity approves them (four eyes).
    if (response.status === 202) response = await approveChange(api.app, response.body.changeId);
    if (response.status !== 201) throw new Error(`${path} refused: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.appended;
  };
  const queue = async (query: string): Promise<QueueItem[]> => (await http().get(`/exceptions?${query}`).set(as(KEYS.operator)).expect(200)).body.items;
  const openFor = (assetId: string) => queue(`assetId=${assetId}&status=OPEN`);
  const detail = async (exceptionId: string) => (await http().get(`/exceptions/${exceptionId}`).set(as(KEYS.auditor)).expect(200)).body;
  const historyOf = async (exceptionId: string) => (await detail(exceptionId)).history.map((entry: { type: string }) => entry.type);
  const collateral = async (assetId: string) => (await http().get(`/collateralization/${assetId}`).set(as(KEYS.auditor)).expect(200)).body;

  const statement = (reference: string, positions: Array<{ isin: string; quantity: string }>) =>
    send('/custody/statements', { ...ACCOUNT, statementReference: reference, page: 1, lastPage: true, asOf: TODAY, basis: 'SETTLED', completeness: 'COMPLETE', positions });
  const mintRequest = (requestId: string) => send('/issuance/mint-requests', { requestId, assetId: 'bAAPL', chainId: 1, amount: TEN_TOKENS });
  const mintOnChain = (requestId: string) =>
    send(`/issuance/${requestId}/mints`, { chainId: 1, txHash: `0x${'ab'.repeat(32)}`, logIndex: 7, amount: TEN_TOKENS, blockNumber: 21_000_000, blockTime: new Date().toISOString() });
  const buy = (tradeId: string, quantity: string) =>
    send('/trades', { tradeId, assetId: 'bAAPL', side: 'BUY', quantity, price: '238.90', currency: 'USD', tradeDate: TODAY, settlementDate: TODAY, broker: 'Broker AG' });
  const settlement = (tradeId: string, confirmationId: string, quantity: string, settledAt: Date) =>
    send(`/trades/${tradeId}/settlements`, { confirmationId, quantity, settledAt: settledAt.toISOString() });

  /** Every stored event delivered to the reconciler again, as a redelivering broker would, then at rest. */
  const redeliverEverything = async () => {
    const { dataSource, schema } = api.app.get<ReadModels>(READ_MODELS);
    const events = await api.store.readAll({ after: 0n, maxCount: 10_000 });
    await dataSource.transaction((manager) => new ReconciliationProjection(schema).applyEvents(manager, events));
    await api.settled();
  };
  /** Repeats `again` (a command already applied, an event redelivered) and checks that no exception of the asset moved. */
  const expectNothingChangesOn = async (assetId: string, again: () => Promise<unknown>) => {
    const before = await queue(`assetId=${assetId}`);
    const histories = await Promise.all(before.map((item) => historyOf(item.exceptionId)));
    await again();
    expect(await queue(`assetId=${assetId}`)).toEqual(before);
    expect(await Promise.all(before.map((item) => historyOf(item.exceptionId)))).toEqual(histories);
  };

  beforeEach(async () => {
    api = await startApi();
    await send('/assets', { assetId: 'bAAPL', isin: APPLE, symbol: 'bAAPL', name: 'Apple Inc.', initialMultiplier: '1' });
    await send('/assets/bAAPL/deployments', { chainId: 1, contractAddress: TOKEN, decimals: 18 });
    await send('/assets/bAAPL/custody-accounts', ACCOUNT);
  });
  afterEach(async () => {
    await api.close();
  });

  describe('Given 10 Apple shares bought and in custody for mint request MR-1 of 10 bAAPL, and no mint on chain', () => {
    let requested: Appended[];
    let requestedAt: number;

    beforeEach(async () => {
      await buy('T-1', '10');
      await settlement('T-1', 'CONF-1', '10', onDay(0, '00:00:00'));
      await statement('STMT-1', [{ isin: APPLE, quantity: '10' }]);
      requested = await mintRequest('MR-1');
      requestedAt = Date.now();
    });

    it('should raise nothing while the one-day mint window runs: the shares bought explain the surplus', async () => {
      await api.sweepAt(new Date(requestedAt + 23 * 3_600_000));
      expect(await queue('assetId=bAAPL&breakType=unmatched-mint-burn')).toEqual([]);
      expect(await openFor('bAAPL')).toEqual([]);
    });

    it('should raise one unmatched-mint-burn exception for the request once the window has passed, and clear it when the mint is recorded', async () => {
      const afterWindow = new Date(requestedAt + 25 * 3_600_000);
      await api.sweepAt(afterWindow);
      const [raised, ...others] = await openFor('bAAPL');
      expect(others).toEqual([]);
      expect(raised).toMatchObject({
        breakType: 'unmatched-mint-burn', severity: 'high', status: 'OPEN',
        subject: 'request:MR-1', subjectLabel: 'issuance request MR-1', shortId: expect.stringMatching(/^unmatched-mint-burn-[0-9a-f]{8}$/),
        figures: { requestedUnits: TEN_TOKENS, onChainUnits: '0', remainingUnits: TEN_TOKENS, tolerance: '0.000001' },
        evidenceEventIds: requested.map((event) => event.eventId),
      });
      expect((await detail(raised!.exceptionId)).evidence.map((event: Appended) => [event.eventId, event.type])).toEqual([[requested[0]!.eventId, 'MintRequested']]);

      const minted = await mintOnChain('MR-1');
      expect(minted.map((event) => event.type)).toEqual(['MintedOnChain']);
      await api.sweepAt(afterWindow);
      expect(await queue('assetId=bAAPL&breakType=unmatched-mint-burn')).toEqual([expect.objectContaining({ exceptionId: raised!.exceptionId, status: 'CLEARED' })]);
      expect(await openFor('bAAPL')).toEqual([]);
      expect(await collateral('bAAPL')).toMatchObject({ requiredShares: '10', heldShares: '10', difference: '0' });

      await expectNothingChangesOn('bAAPL', async () => {
        expect(await mintOnChain('MR-1')).toEqual([]);
        expect(await mintRequest('MR-1')).toEqual([]);
        await redeliverEverything();
        await api.sweepAt(afterWindow);
      });
    });
  });

  describe('Given 10 bAAPL minted against a purchase of 10 Apple shares settling today, of which the custodian confirmed 4', () => {
    const beforeWindowEnds = onDay(1, '23:00:00');
    const afterWindowEnds = onDay(2, '01:00:00');
    let executed: Appended[];
    let confirmed: Appended[];

    beforeEach(async () => {
      await mintRequest('MR-1');
      await mintOnChain('MR-1');
      executed = await buy('T-1', '10');
      confirmed = await settlement('T-1', 'CONF-1', '4', onDay(0, '00:00:00'));
      // The statement of today shows the 4 settled; the other 6 are still due (pending), so the asset is in balance.
      await statement('STMT-1', [{ isin: APPLE, quantity: '4' }]);
    });

    it('should raise nothing until the day of grace after the settlement date has passed', async () => {
      await api.sweepAt(beforeWindowEnds);
      expect(await queue('assetId=bAAPL&breakType=failed-aged-settlement')).toEqual([]);
      expect(await openFor('bAAPL')).toEqual([]);
      expect(await collateral('bAAPL')).toMatchObject({ requiredShares: '10', heldShares: '10', pendingBuy: '6' });
    });

    it('should raise one failed-aged-settlement exception for the 6 shares still unsettled after the window, and clear it when the rest settles', async () => {
      await api.sweepAt(afterWindowEnds);
      const [raised, ...others] = await openFor('bAAPL');
      expect(others).toEqual([]);
      expect(raised).toMatchObject({
        breakType: 'failed-aged-settlement', severity: 'high', status: 'OPEN', subject: 'trade:T-1', subjectLabel: 'trade T-1',
        figures: { quantity: '10', settled: '4', remaining: '6', tolerance: '0.000001' },
        evidenceEventIds: [...executed, ...confirmed].map((event) => event.eventId),
      });
      // The export says what each exception is about too, beside the short and the full id.
      const csv = (await http().get('/exceptions/export.csv?assetId=bAAPL&status=OPEN').set(as(KEYS.auditor)).expect(200)).text.split('\r\n');
      expect(csv[0]).toMatch(/^exceptionId,shortId,assetId,breakType,subject,subjectLabel,/);
      expect(csv[1]).toContain(`${raised!.exceptionId},${raised!.shortId},bAAPL,failed-aged-settlement,trade:T-1,trade T-1,`);
      expect((await detail(raised!.exceptionId)).evidence.map((event: Appended) => event.type)).toEqual(['TradeExecuted', 'TradeSettled']);

      // The late confirmation: settled yesterday as seen from the sweep, after today's statement.
      expect((await settlement('T-1', 'CONF-2', '6', onDay(1, '15:00:00'))).map((event) => event.type)).toEqual(['TradeSettled']);
      await api.sweepAt(afterWindowEnds);
      expect(await queue('assetId=bAAPL&breakType=failed-aged-settlement')).toEqual([expect.objectContaining({ exceptionId: raised!.exceptionId, status: 'CLEARED' })]);
      expect(await openFor('bAAPL')).toEqual([]);

      await expectNothingChangesOn('bAAPL', async () => {
        expect(await settlement('T-1', 'CONF-2', '6', onDay(1, '15:00:00'))).toEqual([]);
        await redeliverEverything();
        await api.sweepAt(afterWindowEnds);
      });
    });

    it('should raise it at once, with the failure notice as evidence, when the custodian reports the settlement failed', async () => {
      const failed = await send('/trades/T-1/settlement-failures', { failureId: 'FAIL-1', reason: 'Insufficient securities at counterparty' });
      await api.settled();
      const [raised, ...others] = await openFor('bAAPL');
      expect(others).toEqual([]);
      expect(raised).toMatchObject({
        breakType: 'failed-aged-settlement', severity: 'high',
        figures: { quantity: '10', settled: '4', remaining: '6', tolerance: '0.000001' },
        evidenceEventIds: [...executed, ...confirmed, ...failed].map((event) => event.eventId),
      });

      await settlement('T-1', 'CONF-2', '6', onDay(0, '15:00:00'));
      await api.sweepAt(afterWindowEnds);
      expect(await queue('assetId=bAAPL&breakType=failed-aged-settlement')).toEqual([expect.objectContaining({ exceptionId: raised!.exceptionId, status: 'CLEARED' })]);
    });
  });

  describe('Given a statement of the bAAPL account that also holds 250.5 shares of an ISIN no asset maps to (iShares Core S&P 500, IE00B5BMR087)', () => {
    let received: Appended[];

    beforeEach(async () => {
      await mintRequest('MR-1');
      await mintOnChain('MR-1');
      received = await statement('STMT-1', [{ isin: APPLE, quantity: '10' }, { isin: CSPX, quantity: '250.5' }]);
      await api.settled();
    });

    it('should raise one unknown-instrument exception with the quantity, and clear it when an asset is registered for the ISIN', async () => {
      const [raised, ...others] = await openFor('bAAPL');
      expect(others).toEqual([]);
      expect(raised).toMatchObject({
        breakType: 'unknown-instrument', severity: 'low', status: 'OPEN', subjectLabel: expect.stringMatching(new RegExp(`^ISIN ${CSPX} in account `)),
        figures: { quantity: '250.5' },
        evidenceEventIds: received.map((event) => event.eventId),
      });
      expect((await detail(raised!.exceptionId)).evidence.map((event: Appended) => event.type)).toEqual(['StatementReceived']);
      expect(await collateral('bAAPL')).toMatchObject({ requiredShares: '10', heldShares: '10' });

      const registered = await send('/assets', { assetId: 'bCSPX', isin: CSPX, symbol: 'bCSPX', name: 'iShares Core S&P 500 UCITS ETF', initialMultiplier: '1' });
      expect(registered.map((event) => event.type)).toEqual(['AssetRegistered']);
      await api.settled();
      expect(await queue('breakType=unknown-instrument')).toEqual([expect.objectContaining({ exceptionId: raised!.exceptionId, status: 'CLEARED' })]);
      expect(await openFor('bAAPL')).toEqual([]);
      // The new asset has no account linked yet: the shares on bAAPL's account are not its holdings.
      expect(await openFor('bCSPX')).toEqual([]);

      await expectNothingChangesOn('bAAPL', async () => {
        expect(await send('/assets', { assetId: 'bCSPX', isin: CSPX, symbol: 'bCSPX', name: 'iShares Core S&P 500 UCITS ETF', initialMultiplier: '1' })).toEqual([]);
        expect(await statement('STMT-1', [{ isin: APPLE, quantity: '10' }, { isin: CSPX, quantity: '250.5' }])).toEqual([]);
        await redeliverEverything();
      });
    });
  });
});
