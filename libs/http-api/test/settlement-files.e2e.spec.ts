import request from 'supertest';
import { ApiHarness, KEYS, startApi } from './api-harness';
import { allEvents, lineOf, statementFixture } from './statement-files';
import { approveChange } from './four-eyes';

jest.setTimeout(60_000);

const APPLE = 'US0378331005';
const ACCOUNT = { custodian: 'CUSTCHZZ', account: 'SAFE-1000' };
const TODAY = new Date().toISOString().slice(0, 10);
const compact = (date: string) => date.replace(/-/g, '');
const dayOffset = (days: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** `time` (UTC) on the day `days` after today. */
const onDay = (days: number, time: string) => new Date(Date.parse(`${TODAY}T${time}Z`) + days * 86_400_000);

/** A settlement fixture moved to today: trade date yesterday, settlement today, a later part tomorrow. */
const settlementFile = (name: string): string =>
  statementFixture(`settlement/${name}`)
    .replace(/20240627/g, compact(dayOffset(-1)))
    .replace(/20240628/g, compact(TODAY))
    .replace(/20240701/g, compact(dayOffset(1)))
    .replace(/240628/g, compact(TODAY).slice(2));

/** A sese fixture moved to today in the same way. */
const seseFile = (name: string): string =>
  statementFixture(`settlement/${name}`).replace(/2024-06-27/g, dayOffset(-1)).replace(/2024-06-28/g, TODAY);

/** The custodian's statement of holdings of today for SAFE-1000, Apple only. */
const holdings = (reference: string, apple: string) => [
  `{1:F01ISSRCHZZAXXX0000000000}{2:O5351730${compact(TODAY).slice(2)}CUSTCHZZAXXX12345678902406281731N}{4:`,
  ':16R:GENL', ':28E:1/ONLY', `:20C::SEME//${reference}`, ':23G:NEWM', `:98C::STAT//${compact(TODAY)}173000`, ':22F::CODE//COMP', ':22F::STBA//SETT', ':97A::SAFE//SAFE-1000', ':16S:GENL',
  ':16R:SUBSAFE', ':16R:FIN', `:35B:ISIN ${APPLE}`, 'APPLE INC', `:93B::AGGR//UNIT/${apple}`, ':16S:FIN', ':16S:SUBSAFE', '-}',
].join('\n');

interface Appended {
  eventId: string;
  type: string;
}

describe('Settlement confirmations and status advices uploaded as files', () => {
  let api: ApiHarness;
  const http = () => request(api.app.getHttpServer());
  const as = (key: string) => ({ 'X-API-Key': key });
  const send = async (path: string, body: object): Promise<Appended[]> => {
    let response = await http().post(path).set(as(KEYS.operator)).send(body);
    // Figures typed in by hand are proposals: a second identity approves them (four eyes).
    if (response.status === 202) response = await approveChange(api.app, response.body.changeId);
    if (response.status !== 201) throw new Error(`${path} refused: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.appended;
  };
  const upload = (name: string, content: string) => http().post('/custody/statements/upload').set(as(KEYS.operator)).attach('file', Buffer.from(content), name);
  const buy = (tradeId: string, quantity: string, references: object = {}) =>
    send('/trades', { tradeId, assetId: 'bAAPL', side: 'BUY', quantity, price: '214.10', currency: 'USD', tradeDate: dayOffset(-1), settlementDate: TODAY, broker: 'Broker AG', ...references });
  const collateral = async () => (await http().get('/collateralization/bAAPL').set(as(KEYS.auditor)).expect(200)).body;
  const queue = async (query: string) => (await http().get(`/exceptions?assetId=bAAPL&${query}`).set(as(KEYS.operator)).expect(200)).body.items;
  /** Every stored event but the reconciler's exceptions, which it raises on its own clock meanwhile: what a file may have appended. */
  const fileEvents = async () => (await allEvents(api.store)).filter((event) => !event.streamId.startsWith('exception-'));
  const tradeEvents = async (tradeId: string) => (await api.store.readStream(`trade-${tradeId}`)).map(({ type, data }) => ({ type, data: data as Record<string, unknown> }));

  beforeEach(async () => {
    api = await startApi();
    await send('/assets', { assetId: 'bAAPL', isin: APPLE, symbol: 'bAAPL', name: 'Apple Inc.', initialMultiplier: '1' });
    await send('/assets/bAAPL/custody-accounts', ACCOUNT);
  });
  afterEach(async () => {
    await api.close();
  });

  describe('Given a purchase of 250.5 Apple shares that carries its instruction reference', () => {
    beforeEach(async () => {
      await buy('T-1', '250.5', { accountOwnerReference: 'ISSR-BUY-0001' });
    });

    it('should settle it from an MT545, then count the statement that shows the shares once', async () => {
      const confirmation = await upload('conf.txt', settlementFile('mt545-full.txt')).expect(201);
      expect(confirmation.body).toMatchObject({ format: 'MT545', custodian: 'CUSTCHZZ', messageReference: 'CONF-545-0001', function: 'NEW', asOf: TODAY });
      expect(confirmation.body.settlements).toEqual([
        { messageReference: 'CONF-545-0001', kind: 'confirmation', tradeId: 'T-1', matchedBy: 'account-owner-reference', quantity: '250.5', outcome: 'recorded' },
      ]);
      expect(confirmation.body.appended.map((event: Appended) => event.type)).toEqual(['TradeSettled']);
      expect((await tradeEvents('T-1'))[1]).toEqual({
        type: 'TradeSettled',
        data: { tradeId: 'T-1', assetId: 'bAAPL', side: 'BUY', confirmationId: 'CONF-545-0001', quantity: '250.5', settledQuantity: '250.5', remainingQuantity: '0', settledAt: `${TODAY}T00:00:00Z` },
      });

      await upload('holdings.txt', holdings('HOLD-1', '250,5')).expect(201);
      await api.settled();
      // Settled and on the statement: held once, nothing pending.
      expect(await collateral()).toMatchObject({ heldShares: '250.5', pendingBuy: '0' });

      // The same confirmation again is no new settlement.
      const again = await upload('conf.txt', settlementFile('mt545-full.txt')).expect(201);
      expect(again.body.settlements).toEqual([expect.objectContaining({ tradeId: 'T-1', matchedBy: 'confirmation-reference', outcome: 'unchanged' })]);
      expect(again.body.appended).toEqual([]);
      await api.settled();
      expect(await collateral()).toMatchObject({ heldShares: '250.5', pendingBuy: '0' });
    });

    it('should leave it partially settled after the first partial MT545 (PAIN) and settled after the second (PARC)', async () => {
      const first = await upload('part-1.txt', settlementFile('mt545-partial-1.txt')).expect(201);
      expect(first.body.settlements).toEqual([expect.objectContaining({ tradeId: 'T-1', quantity: '100', outcome: 'recorded' })]);
      expect((await tradeEvents('T-1'))[1]?.data).toMatchObject({ settledQuantity: '100', remainingQuantity: '150.5' });
      // The statement of today shows the 100 settled; the other 150.5 are still due.
      await upload('holdings.txt', holdings('HOLD-1', '100,')).expect(201);
      await api.settled();
      expect(await collateral()).toMatchObject({ heldShares: '250.5', pendingBuy: '150.5' });

      const second = await upload('part-2.txt', settlementFile('mt545-partial-2.txt')).expect(201);
      expect(second.body.settlements).toEqual([expect.objectContaining({ tradeId: 'T-1', quantity: '150.5', outcome: 'recorded' })]);
      expect((await tradeEvents('T-1'))[2]?.data).toMatchObject({ confirmationId: 'CONF-545-P002', settledQuantity: '250.5', remainingQuantity: '0', settledAt: `${dayOffset(1)}T00:00:00Z` });
      await api.settled();
      // Settled tomorrow: counted as pending until a statement of that day shows it, and never twice.
      expect(await collateral()).toMatchObject({ heldShares: '250.5', pendingBuy: '150.5' });
    });

    it('should raise the failed settlement break with the reason code of a failing MT548 at once, and clear it when the trade settles', async () => {
      const advice = await upload('status.txt', settlementFile('mt548-failing.txt')).expect(201);
      expect(advice.body).toMatchObject({ format: 'MT548', messageReference: 'STAT-548-0001' });
      expect(advice.body.settlements).toEqual([
        { messageReference: 'STAT-548-0001', kind: 'failing', tradeId: 'T-1', matchedBy: 'account-owner-reference', status: 'SETT//PENF', reasonCode: 'CLAC', outcome: 'recorded' },
      ]);
      expect((await tradeEvents('T-1'))[1]).toMatchObject({
        type: 'SettlementFailed',
        data: { failureId: 'STAT-548-0001', reasonCode: 'CLAC', reason: 'Counterparty insufficient securities for delivery' },
      });

      await api.sweepAt(onDay(0, '18:00:00'));
      const [raised, ...others] = await queue('breakType=failed-aged-settlement&status=OPEN');
      expect(others).toEqual([]);
      expect(raised).toMatchObject({ subject: 'trade:T-1', severity: 'high', figures: { quantity: '250.5', settled: '0', remaining: '250.5', reasonCode: 'CLAC' } });

      await upload('conf.txt', settlementFile('mt545-full.txt')).expect(201);
      await api.sweepAt(onDay(0, '18:00:00'));
      expect(await queue('breakType=failed-aged-settlement&status=OPEN')).toEqual([]);
    });

    it('should report a pending MT548 with its reason and record nothing', async () => {
      const before = (await fileEvents()).length;
      const advice = await upload('pending.txt', settlementFile('mt548-pending.txt')).expect(201);
      expect(advice.body.settlements).toEqual([expect.objectContaining({ kind: 'pending', tradeId: 'T-1', status: 'SETT//PEND', reasonCode: 'LACK', outcome: 'not-recorded' })]);
      expect(await fileEvents()).toHaveLength(before);
    });

    it('should reverse a confirmation the custodian cancels (CANC naming it in PREV), once', async () => {
      await upload('conf.txt', settlementFile('mt545-full.txt')).expect(201);
      const cancel = await upload('cancel.txt', settlementFile('mt545-cancel.txt')).expect(201);
      expect(cancel.body).toMatchObject({ function: 'CANCEL', cancels: 'CONF-545-0001' });
      expect(cancel.body.settlements).toEqual([expect.objectContaining({ kind: 'cancellation', tradeId: 'T-1', matchedBy: 'confirmation-reference', quantity: '250.5', outcome: 'recorded' })]);
      expect((await tradeEvents('T-1')).map((event) => event.type)).toEqual(['TradeExecuted', 'TradeSettled', 'SettlementReversed']);
      await api.settled();
      expect(await collateral()).toMatchObject({ pendingBuy: '250.5' });

      expect((await upload('cancel.txt', settlementFile('mt545-cancel.txt')).expect(201)).body.appended).toEqual([]);
      expect((await upload('conf.txt', settlementFile('mt545-full.txt')).expect(201)).body.appended).toEqual([]);
    });
  });

  describe('Given a purchase whose custodian speaks ISO 20022', () => {
    beforeEach(async () => {
      await buy('T-1', '250.5', { accountOwnerReference: 'ISSR-BUY-0001' });
    });

    it('should settle part of it from a sese.025 and record the failure of the rest from a sese.024 with its reason code', async () => {
      const confirmation = await upload('conf.xml', seseFile('sese025-full.xml')).expect(201);
      expect(confirmation.body).toMatchObject({ format: 'SESE025', messageReference: 'CONF-025-0001' });
      expect(confirmation.body.settlements).toEqual([expect.objectContaining({ tradeId: 'T-1', matchedBy: 'account-owner-reference', quantity: '100', outcome: 'recorded' })]);
      const advice = await upload('status.xml', seseFile('sese024-failing.xml')).expect(201);
      expect(advice.body.settlements).toEqual([expect.objectContaining({ kind: 'failing', tradeId: 'T-1', reasonCode: 'CLAC', outcome: 'recorded' })]);
      await api.sweepAt(onDay(0, '18:00:00'));
      expect(await queue('breakType=failed-aged-settlement&status=OPEN')).toEqual([
        expect.objectContaining({ figures: expect.objectContaining({ settled: '100', remaining: '150.5', reasonCode: 'CLAC' }) }),
      ]);
    });

    it('should preview a confirmation on a dry run and append nothing', async () => {
      const before = (await fileEvents()).length;
      const preview = await upload('conf.xml', seseFile('sese025-full.xml')).query({ dryRun: 'true' }).expect(200);
      expect(preview.body.settlements).toEqual([expect.objectContaining({ tradeId: 'T-1', quantity: '100', outcome: 'recorded' })]);
      expect(preview.body.appended.map((event: Appended) => event.type)).toEqual(['TradeSettled']);
      expect(await fileEvents()).toHaveLength(before);
    });
  });

  describe('When a trade is booked with references that do not fit the custodian\'s 20C field', () => {
    it('should refuse it with 400 naming the field, and book nothing', async () => {
      const before = (await fileEvents()).length;
      const refused = await http().post('/trades').set(as(KEYS.operator)).send({
        tradeId: 'T-9', assetId: 'bAAPL', side: 'BUY', quantity: '1', price: '1', currency: 'USD', tradeDate: TODAY, settlementDate: TODAY, broker: 'Broker AG',
        accountOwnerReference: 'ISSR-BUY-0001-TOO-LONG',
      }).expect(400);
      expect(JSON.stringify(refused.body)).toContain('accountOwnerReference');
      expect(await fileEvents()).toHaveLength(before);
    });
  });

  describe('When an operator records a failure with the custodian\'s reason code through the API', () => {
    it('should carry the code on the failure and the break', async () => {
      await buy('T-1', '10');
      await send('/trades/T-1/settlement-failures', { failureId: 'FAIL-1', reason: 'Lack of securities', reasonCode: 'LACK' });
      expect((await tradeEvents('T-1'))[1]?.data).toMatchObject({ failureId: 'FAIL-1', reasonCode: 'LACK' });
      await api.sweepAt(onDay(0, '18:00:00'));
      expect(await queue('breakType=failed-aged-settlement&status=OPEN')).toEqual([expect.objectContaining({ figures: expect.objectContaining({ reasonCode: 'LACK' }) })]);
      await http().post('/trades/T-1/settlement-failures').set(as(KEYS.operator)).send({ failureId: 'FAIL-2', reason: 'x', reasonCode: 'lack' }).expect(400);
    });
  });

  describe('Given two purchases a confirmation without a reference fits equally well', () => {
    beforeEach(async () => {
      await buy('T-1', '250.5');
      await buy('T-2', '250.5');
    });

    it('should refuse the file, naming the message and why, and append nothing', async () => {
      const text = settlementFile('mt545-full.txt').replace(':20C::RELA//ISSR-BUY-0001', ':20C::RELA//BROKER-77');
      const before = (await fileEvents()).length;
      const refused = await upload('conf.txt', text).expect(400);
      expect(refused.body.errors).toEqual([{
        file: 'conf.txt', line: lineOf(text, ':35B:'), field: '35B (financial instrument)',
        message: `message CONF-545-0001: is ambiguous: trades T-1, T-2 match BUY ${APPLE} for 250.5 shares settling ${TODAY} equally well; give the trade's account owner reference (20C::RELA)`,
      }]);
      expect(await fileEvents()).toHaveLength(before);
    });

    it('should refuse a confirmation whose quantity no trade has left, by its keys', async () => {
      const text = settlementFile('mt545-full.txt').replace(':20C::RELA//ISSR-BUY-0001', ':20C::RELA//BROKER-77').replace('UNIT/250,5', 'UNIT/300,');
      const refused = await upload('conf.txt', text).expect(400);
      expect(refused.body.errors[0]).toMatchObject({ file: 'conf.txt', field: '35B (financial instrument)', message: expect.stringContaining('no trade matches') });
    });
  });
});
