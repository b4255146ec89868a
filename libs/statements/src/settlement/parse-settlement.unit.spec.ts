import { fixture, fixtureText, lineStarting, withLine } from '../testing/fixtures';
import { parseErrorOf } from '../testing/expect-parse-error';
import { parseDecimal } from '../values/decimal';
import { detectFormat } from '../detect-format';
import { detectSettlementFormat, parseSettlementMessage } from './parse-settlement';

const units = (text: string) => ({ type: 'UNIT' as const, units: parseDecimal(text) });
const MT545 = fixtureText('settlement/mt545-full.txt');
const MT548 = fixtureText('settlement/mt548-failing.txt');

describe('Settlement messages (MT544 to MT548)', () => {
  describe('Given a settlement confirmation of each message type', () => {
    it.each([
      ['mt544-full.txt', 'MT544', 'RECEIVE', 'FREE', '250.5'],
      ['mt545-full.txt', 'MT545', 'RECEIVE', 'APMT', '250.5'],
      ['mt546-full.txt', 'MT546', 'DELIVER', 'FREE', '16'],
      ['mt547-full.txt', 'MT547', 'DELIVER', 'APMT', '16'],
    ])('then %s is read as a %s %s %s of its quantity', (file, format, direction, payment, quantity) => {
      const bytes = fixture(`settlement/${file}`);
      expect(detectSettlementFormat(bytes)).toBe(format);
      expect(parseSettlementMessage(bytes)).toMatchObject({ kind: 'SETTLEMENT_CONFIRMATION', format, direction, payment, quantity: units(quantity), messageFunction: 'NEWM' });
    });
  });

  describe('Given an MT545 that confirms a whole receipt', () => {
    it('then references, instrument, dates and account are read', () => {
      expect(parseSettlementMessage(fixture('settlement/mt545-full.txt'), { fileName: 'conf.txt' })).toEqual({
        kind: 'SETTLEMENT_CONFIRMATION',
        format: 'MT545',
        custodian: 'CUSTCHZZ',
        senderBic: 'CUSTCHZZ',
        messageReference: 'CONF-545-0001',
        messageFunction: 'NEWM',
        accountOwnerReference: 'ISSR-BUY-0001',
        custodianReference: 'CUST-778812',
        account: 'SAFE-1000',
        direction: 'RECEIVE',
        payment: 'APMT',
        isin: 'US0378331005',
        quantity: units('250.5'),
        settlementDate: '2024-06-28',
        effectiveSettlementDate: '2024-06-28',
        tradeDate: '2024-06-27',
        lines: { reference: 3, link: 7, instrument: 18, quantity: 22 },
      });
    });
  });

  describe('Given partial settlements', () => {
    it('then the first says PAIN and the rest PARC (22F::PARS)', () => {
      expect(parseSettlementMessage(fixture('settlement/mt545-partial-1.txt'))).toMatchObject({ partial: 'PAIN', quantity: units('100') });
      expect(parseSettlementMessage(fixture('settlement/mt545-partial-2.txt'))).toMatchObject({ partial: 'PARC', quantity: units('150.5'), effectiveSettlementDate: '2024-07-01' });
    });
  });

  describe('Given a confirmation without its FIN header', () => {
    it('then it is refused: only the message type tells a receipt from a delivery', () => {
      const bare = MT545.slice(MT545.indexOf(':16R:GENL'));
      expect(parseErrorOf(() => parseSettlementMessage(bare, { fileName: 'bare.txt', custodian: 'CUSTCHZZ' })).problems[0]).toMatchObject({ line: 1, field: 'block 2 (message type)' });
    });
  });

  describe('Given a cancellation (23G CANC)', () => {
    it('then it names the confirmation it cancels (20C::PREV)', () => {
      expect(parseSettlementMessage(fixture('settlement/mt545-cancel.txt'))).toMatchObject({ messageFunction: 'CANC', cancels: 'CONF-545-0001', messageReference: 'CONF-545-C001' });
    });

    it('then without PREV it is refused (network validated rule E08)', () => {
      const text = fixtureText('settlement/mt545-cancel.txt').replace(':20C::PREV//CONF-545-0001', ':20C::RELA//X');
      const error = parseErrorOf(() => parseSettlementMessage(text, { fileName: 'c.txt' }));
      expect(error.problems[0]).toMatchObject({ line: 2, field: '20C (PREV reference) in 16R (LINK)' });
    });
  });

  describe('Given a confirmation with faults', () => {
    it('then a missing ISIN is refused at 35B', () => {
      const text = withLine(MT545, ':35B:', ':35B:/US/037833100');
      const error = parseErrorOf(() => parseSettlementMessage(text, { fileName: 'c.txt' }));
      expect(error.message).toBe(`c.txt:${lineStarting(text, ':35B:')} field 35B (financial instrument): "/US/037833100\\nAPPLE INC" names no ISIN: a settlement is matched to its trade by the ISIN of the asset`);
    });

    it('then a bad quantity is refused at 36B::ESTT', () => {
      const text = withLine(MT545, ':36B::ESTT', ':36B::ESTT//UNIT/25O,5');
      const error = parseErrorOf(() => parseSettlementMessage(text, { fileName: 'c.txt' }));
      expect(error.problems[0]).toMatchObject({ line: lineStarting(text, ':36B::ESTT'), field: '36B (ESTT quantity)', value: 'UNIT/25O,5' });
    });

    it('then an unknown function is refused at 23G', () => {
      const text = withLine(MT545, ':23G:', ':23G:RVSL');
      const error = parseErrorOf(() => parseSettlementMessage(text, { fileName: 'c.txt' }));
      expect(error.problems[0]).toMatchObject({ line: lineStarting(text, ':23G:'), field: '23G (function of the message)', message: '"RVSL" is not one of NEWM, CANC: the function of a settlement confirmation (RVSL is not taken)' });
    });

    it('then every fault of the file is listed', () => {
      const text = withLine(withLine(MT545, ':36B::ESTT', ':36B::ESTT//FAMT/100,'), ':98A::ESET', ':98A::ESET//20241340');
      expect(parseErrorOf(() => parseSettlementMessage(text)).problems.map((p) => p.field)).toEqual(['98A (ESET date)', '36B (ESTT quantity)']);
    });
  });

  describe('Given an MT548 with a failing status and its reason', () => {
    it('then the status, reason code and narrative are read', () => {
      expect(detectSettlementFormat(MT548)).toBe('MT548');
      expect(parseSettlementMessage(MT548)).toEqual({
        kind: 'SETTLEMENT_STATUS',
        format: 'MT548',
        custodian: 'CUSTCHZZ',
        senderBic: 'CUSTCHZZ',
        messageReference: 'STAT-548-0001',
        accountOwnerReference: 'ISSR-BUY-0001',
        account: 'SAFE-1000',
        isin: 'US0378331005',
        statuses: [{ type: 'SETT', code: 'PENF', reasons: [{ code: 'CLAC', narrative: 'Counterparty insufficient securities for delivery' }] }],
        direction: 'RECEIVE',
        quantity: units('250.5'),
        settlementDate: '2024-06-28',
        lines: { reference: 3, link: 7, instrument: 19, quantity: 21, status: 10 },
      });
    });

    it('then a pending status keeps its reason', () => {
      expect(parseSettlementMessage(fixture('settlement/mt548-pending.txt'))).toMatchObject({ statuses: [{ type: 'SETT', code: 'PEND', reasons: [{ code: 'LACK' }] }] });
    });

    it('then a reason of another status is refused', () => {
      const text = withLine(MT548, ':24B::', ':24B::PEND//LACK');
      expect(parseErrorOf(() => parseSettlementMessage(text)).problems[0]).toMatchObject({ line: lineStarting(text, ':24B::'), field: '24B (PEND reason)' });
    });

    it('then a bare text block is recognised too', () => {
      const bare = MT548.slice(MT548.indexOf(':16R:GENL'));
      expect(detectSettlementFormat(bare)).toBe('MT548');
      expect(parseSettlementMessage(bare, { custodian: 'CUSTCHZZ' })).toMatchObject({ kind: 'SETTLEMENT_STATUS', custodian: 'CUSTCHZZ' });
    });
  });

  describe('Given statements', () => {
    it('then they are no settlement messages', () => {
      expect(detectSettlementFormat(fixture('mt535/equities-single-page.txt'))).toBeUndefined();
      expect(detectSettlementFormat(fixture('mt536/transactions.txt'))).toBeUndefined();
      expect(detectFormat(fixture('mt536/transactions.txt'))).toBe('MT536');
    });
  });

  describe('Given the ISO 20022 counterparts', () => {
    it('then a sese.025 confirmation reads as an MT545 would', () => {
      const bytes = fixture('settlement/sese025-full.xml');
      expect(detectSettlementFormat(bytes)).toBe('SESE025');
      expect(parseSettlementMessage(bytes)).toEqual({
        kind: 'SETTLEMENT_CONFIRMATION',
        format: 'SESE025',
        custodian: 'CUSTCHZZ',
        senderBic: 'CUSTCHZZ',
        messageReference: 'CONF-025-0001',
        messageFunction: 'NEWM',
        accountOwnerReference: 'ISSR-BUY-0001',
        custodianReference: 'CUST-778812',
        account: 'SAFE-1000',
        direction: 'RECEIVE',
        payment: 'APMT',
        isin: 'US0378331005',
        quantity: units('100'),
        settlementDate: '2024-06-28',
        effectiveSettlementDate: '2024-06-28',
        tradeDate: '2024-06-27',
        partial: 'PAIN',
        lines: { reference: 6, link: 13, instrument: 23, quantity: 25 },
      });
    });

    it('then a sese.025 without an ISIN is refused at FinInstrmId/ISIN', () => {
      const text = fixtureText('settlement/sese025-full.xml').replace('<ISIN>US0378331005</ISIN>', '<OthrId><Id>037833100</Id></OthrId>');
      expect(parseErrorOf(() => parseSettlementMessage(text, { fileName: 'c.xml' })).problems[0]).toMatchObject({ field: 'ISIN (ISIN)', reason: 'is missing' });
    });

    it('then a sese.024 failing status carries its reason code and narrative', () => {
      const bytes = fixture('settlement/sese024-failing.xml');
      expect(detectSettlementFormat(bytes)).toBe('SESE024');
      expect(parseSettlementMessage(bytes)).toMatchObject({
        kind: 'SETTLEMENT_STATUS',
        format: 'SESE024',
        messageReference: 'STAT-024-0001',
        accountOwnerReference: 'ISSR-BUY-0001',
        statuses: [{ type: 'SETT', code: 'PENF', reasons: [{ code: 'CLAC', narrative: 'Counterparty insufficient securities' }] }],
        isin: 'US0378331005',
        direction: 'RECEIVE',
        quantity: units('250.5'),
        settlementDate: '2024-06-28',
      });
    });

    it('then a sese.024 pending status reads as PEND', () => {
      const text = fixtureText('settlement/sese024-failing.xml').replace(/Flng>/g, 'Pdg>').replace('CLAC', 'LACK');
      expect(parseSettlementMessage(text)).toMatchObject({ statuses: [{ type: 'SETT', code: 'PEND', reasons: [{ code: 'LACK' }] }] });
    });
  });
});
