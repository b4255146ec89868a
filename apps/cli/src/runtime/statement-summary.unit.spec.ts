import type { IngestionReport } from '@recon/ingestion';
import { summaryOf } from './statement-summary';

const KEY = 'HOLDINGS|CUSTCHZZ|SAFE-1000|2024-06-28T17:30:00|CUST|SETT';
const page2: IngestionReport = {
  file: 'p2.txt', format: 'MT535', custodian: 'CUSTCHZZ', statementReference: 'HOLD20240628P2', statementKey: KEY, messageReference: 'HOLD20240628P2',
  page: 2, lastPage: true, asOf: '2024-06-28', function: 'NEW',
  pages: [{ account: 'SAFE-1000', page: 2, positions: 3, outcome: 'recorded' }], cancellations: [],
  assembly: { received: [2], lastPage: 2, missing: [1], withdrawn: [], complete: false, accounts: ['SAFE-1000'], cancelled: false },
  appended: [{ eventId: 'e1', type: 'StatementReceived' }],
} as unknown as IngestionReport;

describe('The line recon ingest prints for a statement file', () => {
  describe('Given page 2 of a statement whose page 1 has not come', () => {
    it('then it names the page, its statement and the page still missing', () =>
      expect(summaryOf(page2)).toBe(`p2.txt: MT535 CUSTCHZZ HOLD20240628P2 of statement ${KEY} page 2 (last); SAFE-1000 recorded (3 positions); pages missing: 1; 1 events appended`));
  });

  describe('Given a CANC that withdrew page 1 of a complete statement', () => {
    const canc = {
      ...page2, file: 'canc.txt', statementReference: 'CANC20240629', messageReference: 'CANC20240629', cancels: 'HOLD20240628P1', function: 'CANCEL', page: 1,
      pages: [], cancellations: [{ account: 'SAFE-1000', outcome: 'page-withdrawn' }],
      assembly: { received: [2], lastPage: 2, missing: [1], withdrawn: [1], complete: false, accounts: ['SAFE-1000'], cancelled: false },
    } as unknown as IngestionReport;
    it('then it names the message it cancelled and the page withdrawn, not a cancelled statement', () =>
      expect(summaryOf(canc)).toBe(`canc.txt: MT535 CUSTCHZZ CANC20240629 of statement ${KEY} page 1 (last); cancels HOLD20240628P1: SAFE-1000 page-withdrawn; pages missing: 1; pages withdrawn: 1; 1 events appended`));
  });

  describe('Given settlement messages', () => {
    const confirmation = {
      ...page2, file: 'conf.txt', format: 'MT545', statementReference: 'CONF-545-0001', messageReference: 'CONF-545-0001', page: 1, pages: [],
      settlements: [{ messageReference: 'CONF-545-0001', kind: 'confirmation', tradeId: 'T-1', matchedBy: 'account-owner-reference', quantity: '250.5', outcome: 'recorded' }],
      appended: [{ eventId: 'e1', type: 'TradeSettled' }],
    } as unknown as IngestionReport;
    it('then a confirmation names the trade, how it was found and what settled', () =>
      expect(summaryOf(confirmation)).toBe('conf.txt: MT545 CUSTCHZZ CONF-545-0001; trade T-1 (by account-owner-reference) 250.5 settled recorded; 1 events appended'));
    it('then a failing status names its reason code', () =>
      expect(summaryOf({
        ...confirmation, file: 'status.txt', format: 'MT548', statementReference: 'STAT-548-0001',
        settlements: [{ messageReference: 'STAT-548-0001', kind: 'failing', tradeId: 'T-1', matchedBy: 'keys', status: 'SETT//PENF', reasonCode: 'CLAC', outcome: 'recorded' }],
      } as unknown as IngestionReport)).toBe('status.txt: MT548 CUSTCHZZ STAT-548-0001; trade T-1 (by keys) failing reason CLAC recorded; 1 events appended'));
  });
});
