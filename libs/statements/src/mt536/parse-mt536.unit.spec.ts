import { fixture, fixtureText, lineStarting, withLine } from '../testing/fixtures';
import { parseErrorOf } from '../testing/expect-parse-error';
import { parseDecimal } from '../values/decimal';
import { parseMt536 } from './parse-mt536';

const VALID = fixtureText('mt536/transactions.txt');
const units = (text: string) => ({ type: 'UNIT' as const, units: parseDecimal(text) });

describe('MT536 statement of transactions', () => {
  describe('Given a statement with a receipt and a delivery of one instrument', () => {
    describe('When it is parsed', () => {
      const statement = parseMt536(fixture('mt536/transactions.txt'));

      it('then the period ends on the as-of date', () => {
        expect(statement).toMatchObject({
          kind: 'TRANSACTIONS',
          format: 'MT536',
          custodian: 'CUSTCHZZ',
          account: 'SAFE-1000',
          reference: 'TXN20240628',
          period: { from: { date: '2024-06-27' }, to: { date: '2024-06-28' } },
          asOf: { date: '2024-06-28' },
        });
      });

      it('then opening, postings and closing are read per instrument', () => {
        expect(statement.movements).toEqual([
          {
            account: 'SAFE-1000',
            instrument: { isin: 'US0378331005', description: 'APPLE INC' },
            opening: { quantity: units('1000'), intermediate: false },
            closing: { quantity: units('1234.5'), intermediate: false },
            postings: [
              {
                reference: 'TRADE-0001',
                direction: 'RECEIVE',
                quantity: units('250.5'),
                settlementDate: '2024-06-28',
                tradeDate: '2024-06-27',
                amount: { currency: 'USD', units: parseDecimal('53632.05') },
                payment: 'APMT',
              },
              { reference: 'REDEEM-0042', direction: 'DELIVER', quantity: units('16'), settlementDate: '2024-06-28', payment: 'FREE' },
            ],
          },
        ]);
      });
    });
  });

  describe('Given a cancellation (23G CANC) of the statement', () => {
    it('then it names the cancelled reference and carries no movements', () => {
      expect(parseMt536(fixture('mt536/cancel.txt'))).toMatchObject({ function: 'CANCEL', reference: 'TXN20240628', account: 'SAFE-1000', page: 1, lastPage: true, movements: [] });
    });
  });

  describe('Given an instrument that continues on the next page', () => {
    it('then the intermediate closing balance is marked and still checked', () => {
      const text = withLine(VALID, ':93B::FICL', ':93B::INCL//UNIT/1234,5');
      expect(parseMt536(text).movements[0]?.closing).toEqual({ quantity: units('1234.5'), intermediate: true });
    });
  });

  describe('Given a closing balance that opening and postings do not explain', () => {
    const text = withLine(VALID, ':93B::FICL', ':93B::FICL//UNIT/1240,');

    it('then the statement is refused at the closing balance, with the sum it should have', () => {
      const error = parseErrorOf(() => parseMt536(text, { fileName: 'tx.txt' }));
      expect(error.message).toBe(
        `tx.txt:${lineStarting(text, ':93B::FICL')} field 93B (FICL balance): "UNIT/1240," does not add up: opening 1000 + received 250.5 - delivered 16 = 1234.5`,
      );
    });
  });

  describe('Given a posting dropped in transit', () => {
    const second = VALID.indexOf(':16R:TRAN', VALID.indexOf(':16S:TRAN'));
    const text = VALID.slice(0, second) + VALID.slice(VALID.indexOf(':16S:TRAN\n', second) + ':16S:TRAN\n'.length);

    it('then the balance check catches it', () => {
      expect(text).not.toContain('REDEEM-0042');
      expect(parseErrorOf(() => parseMt536(text)).reason).toContain('does not add up');
    });
  });

  describe('Given balances in different quantity types', () => {
    it('then the check refuses to add them', () => {
      const text = withLine(VALID, ':93B::FIOP', ':93B::FIOP//FAMT/1000,');
      expect(parseErrorOf(() => parseMt536(text)).reason).toContain('mixes quantity types');
    });
  });

  describe('Given a posting with a negative quantity', () => {
    it('then it is refused: the direction is the sign', () => {
      const text = withLine(VALID, ':36B::PSTA//UNIT/16,', ':36B::PSTA//UNIT/N16,');
      expect(parseErrorOf(() => parseMt536(text))).toMatchObject({ field: '36B (PSTA quantity)', line: lineStarting(text, ':36B::PSTA//UNIT/N16,') });
    });
  });

  describe('Given a statement period that is not two dates', () => {
    it('then it is refused', () => {
      const text = withLine(VALID, ':69A::STAT', ':69A::STAT//20240627');
      expect(parseErrorOf(() => parseMt536(text))).toMatchObject({ field: '69A (STAT period)', reason: 'is not a period (from/to)' });
    });
  });
});
