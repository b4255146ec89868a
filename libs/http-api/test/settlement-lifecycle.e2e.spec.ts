import request from 'supertest';
import { ApiHarness, KEYS, startApi } from './api-harness';
import { approveChange } from './four-eyes';

jest.setTimeout(60_000);

const APPLE = 'US0378331005';
const TOKEN = '0x3f0c0e9c1b2a9d5e4c3b2a1f0e9d8c7b6a5f4e3d';
const ACCOUNT = { custodian: 'DEMOCHZZ', account: 'SAFE-0001' };
/** Base units of `shares` tokens at 18 decimals and multiplier 1. */
const tokens = (shares: string): string => {
  const [whole, fraction = ''] = shares.split('.');
  return (BigInt(whole!) * 10n ** 18n + BigInt(fraction.padEnd(18, '0'))).toString();
};

/** Today's statement is the newest the daily calendar asks for until tomorrow's is due; yesterday's comes before it. */
const TODAY = new Date().toISOString().slice(0, 10);
const YESTERDAY = new Date(Date.parse(`${TODAY}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const IN_THREE_DAYS = new Date(Date.parse(`${TODAY}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10);

interface QueueItem {
  exceptionId: string;
  breakType: string;
  status: string;
  severity: string;
  subject: string;
  figures: Record<string, string>;
}

/**
 * The settlement lifecycle as a back office lives it, through the HTTP API, the projector and the
 * continuous reconciler: a purchase for a mint, the mint, then the custodian's statement showing the
 * shares before any confirmation; and a mint request that waits for its trade to settle.
 */
describe('Settlement lifecycle through the API', () => {
  let api: ApiHarness;
  const http = () => request(api.app.getHttpServer());
  const as = (key: string) => ({ 'X-API-Key': key });
  const send = async (path: string, body: object) => {
    let response = await http().post(path).set(as(KEYS.operator)).send(body);
    // Figures typed in by hand are proposals: a second identity approves them (four eyes).
    if (response.status === 202) response = await approveChange(api.app, response.body.changeId);
    if (response.status !== 201) throw new Error(`${path} refused: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.appended as Array<{ eventId: string; type: string }>;
  };
  const queue = async (query: string): Promise<QueueItem[]> => (await http().get(`/exceptions?${query}`).set(as(KEYS.operator)).expect(200)).body.items;
  const collateral = async () => (await http().get('/collateralization/bAAPL').set(as(KEYS.auditor)).expect(200)).body;
  const statement = (reference: string, asOf: string, quantity: string) =>
    send('/custody/statements', { ...ACCOUNT, statementReference: reference, page: 1, lastPage: true, asOf, basis: 'SETTLED', completeness: 'COMPLETE', positions: [{ isin: APPLE, quantity }] });
  const mintRequest = (requestId: string, shares: string, extra: object = {}) =>
    send('/issuance/mint-requests', { requestId, assetId: 'bAAPL', chainId: 1, amount: tokens(shares), ...extra });
  const minted = (requestId: string, shares: string, logIndex: number) =>
    send(`/issuance/${requestId}/mints`, { chainId: 1, txHash: `0x${'ab'.repeat(32)}`, logIndex, amount: tokens(shares), blockNumber: 21_000_000 + logIndex, blockTime: new Date().toISOString() });
  const buy = (tradeId: string, quantity: string, settlementDate = TODAY) =>
    send('/trades', { tradeId, assetId: 'bAAPL', side: 'BUY', quantity, price: '238.90', currency: 'USD', tradeDate: YESTERDAY, settlementDate, broker: 'Broker AG' });

  beforeEach(async () => {
    api = await startApi();
    await send('/assets', { assetId: 'bAAPL', isin: APPLE, symbol: 'bAAPL', name: 'Apple Inc.', initialMultiplier: '1' });
    await send('/assets/bAAPL/deployments', { chainId: 1, contractAddress: TOKEN, decimals: 18 });
    await send('/assets/bAAPL/custody-accounts', ACCOUNT);
    // In balance: 120,345.125 tokens out, 120,345.125 shares on yesterday's statement.
    await mintRequest('MR-0', '120345.125');
    await minted('MR-0', '120345.125', 0);
    await statement('STMT-D1', YESTERDAY, '120345.125');
    await api.settled();
  });
  afterEach(async () => {
    await api.close();
  });

  describe('Given a mint request of 500 naming its purchase, the purchase settling today, then the 500 bAAPL minted', () => {
    beforeEach(async () => {
      await mintRequest('MR-1', '500', { tradeId: 'T-1' });
      await api.settled();
      await buy('T-1', '500');
      await api.settled();
      await minted('MR-1', '500', 1);
      await api.settled();
    });

    it('should hold the 500 as pending until a statement shows them', async () => {
      expect(await collateral()).toMatchObject({ requiredShares: '120845.125', heldShares: '120845.125', pendingBuy: '500', difference: '0' });
      expect(await queue('assetId=bAAPL&status=OPEN')).toEqual([]);
    });

    describe('When today\'s statement shows 120,845.125 before any confirmation', () => {
      beforeEach(async () => {
        await statement('STMT-D0', TODAY, '120845.125');
        await api.settled();
      });

      it('should count the trade settled by the statement, once: no over-collateralized break at any step', async () => {
        expect(await collateral()).toMatchObject({ requiredShares: '120845.125', heldShares: '120845.125', pendingBuy: '0', difference: '0' });
        expect(await queue('assetId=bAAPL&breakType=over-collateralized')).toEqual([]);
      });

      it('should raise one low missing-confirmation finding naming the trade, and clear it when the confirmation arrives', async () => {
        const open = await queue('assetId=bAAPL&status=OPEN');
        expect(open).toEqual([expect.objectContaining({
          breakType: 'missing-confirmation', severity: 'low', subject: 'trade:T-1',
          figures: { quantity: '500', settledByStatement: '500', movement: '500', statementDate: TODAY, previousStatementDate: YESTERDAY },
        })]);

        await send('/trades/T-1/settlements', { confirmationId: 'MT545-1', quantity: '500', settledAt: `${TODAY}T10:00:00Z` });
        await api.settled();
        expect(await queue('assetId=bAAPL&status=OPEN')).toEqual([]);
        expect(await queue('assetId=bAAPL&breakType=missing-confirmation')).toEqual([expect.objectContaining({ exceptionId: open[0]!.exceptionId, status: 'CLEARED' })]);
        expect(await collateral()).toMatchObject({ heldShares: '120845.125', pendingBuy: '0', difference: '0' });
      });
    });
  });

  describe('Given a mint request naming a purchase that settles in three days, and no mint yet', () => {
    beforeEach(async () => {
      await mintRequest('MR-2', '100', { tradeId: 'T-2' });
      await api.settled();
      await buy('T-2', '100', IN_THREE_DAYS);
      await api.settled();
    });

    it('should raise no break after the one-day mint window while the trade is pending', async () => {
      await api.sweepAt(new Date(Date.now() + 25 * 3_600_000));
      expect(await queue('assetId=bAAPL&breakType=unmatched-mint-burn')).toEqual([]);
      expect(await queue('assetId=bAAPL&breakType=over-collateralized')).toEqual([]);
    });

    it('should refuse a request naming a trade on the wrong side', async () => {
      const redemption = await http().post('/issuance/redemption-requests').set(as(KEYS.operator))
        .send({ requestId: 'RR-1', assetId: 'bAAPL', chainId: 1, amount: tokens('1'), tradeId: 'T-2' });
      expect([redemption.status, redemption.body.message]).toEqual([422, 'tradeId: trade T-2 is a BUY; a redemption request needs a SELL']);
    });
  });
});
