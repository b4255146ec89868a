import { parseDecimal } from '../values/decimal';
import { fixture, fixtureText, withLine } from '../testing/fixtures';
import { HoldingsStatement } from '../statement';
import { parseMt535 } from './parse-mt535';

const units = (text: string) => ({ type: 'UNIT' as const, units: parseDecimal(text) });
const usd = (text: string) => ({ currency: 'USD', units: parseDecimal(text) });

describe('MT535 statement of holdings', () => {
  describe('Given a single-page equity statement with sub-safekeeping accounts', () => {
    const text = fixtureText('mt535/equities-single-page.txt');

    describe('When it is parsed', () => {
      const statement = parseMt535(fixture('mt535/equities-single-page.txt'), { fileName: 'holdings.txt' });

      it('then the header comes from the envelope and sequence A', () => {
        expect(statement).toMatchObject({
          kind: 'HOLDINGS',
          format: 'MT535',
          custodian: 'CUSTCHZZ',
          account: 'SAFE-1000',
          reference: 'HOLD20240628',
          page: 1,
          lastPage: true,
          asOf: { date: '2024-06-28', time: '17:30:00' },
          basis: 'SETTLED',
          completeness: 'COMPLETE',
          function: 'NEW',
          frequency: 'DAIL',
        });
        expect(statement.copy).toBeUndefined();
      });

      it('then a sub-safekeeping block without an account holds the statement account positions', () => {
        expect(statement.positions.map((position) => position.instrument.isin)).toEqual(['US0378331005', 'IE00B5BMR087']);
      });

      it('then each position carries exact balances, price, value and sub-balances', () => {
        expect(statement.positions[0]).toEqual({
          instrument: { isin: 'US0378331005', description: 'APPLE INC' },
          aggregate: units('1234.5'),
          available: units('1200'),
          notAvailable: units('34.5'),
          price: { type: 'MRKT', valueType: 'ACTU', units: parseDecimal('214.3'), currency: 'USD' },
          value: usd('264553.35'),
          subBalances: [{ type: 'BLOK', quantity: units('34.5'), availability: 'NOT_AVAILABLE', quantityDecimal: '34.5' }],
        });
      });

      it('then a sub-safekeeping block with its own account is a sub-account, negative sub-balance included', () => {
        expect(statement.subAccounts).toEqual([
          {
            account: 'SAFE-1000-TRD',
            positions: [
              {
                instrument: { isin: 'US5949181045', description: 'MICROSOFT CORP' },
                aggregate: units('50.2'),
                available: units('50.2'),
                price: { type: 'MRKT', valueType: 'ACTU', units: parseDecimal('452.85'), currency: 'USD' },
                value: usd('22733.07'),
                subBalances: [{ type: 'PEND', quantity: units('-10'), availability: 'AVAILABLE', quantityDecimal: '-10' }],
              },
            ],
          },
        ]);
      });

      it('then the page and statement totals of sequence C are read', () => {
        expect(statement.totals).toEqual({ page: usd('725919.45'), statement: usd('725919.45') });
      });
    });

    describe('When the same message arrives with CRLF line ends', () => {
      it('then it reads exactly as with LF', () => {
        expect(parseMt535(fixture('mt535/equities-single-page.crlf.txt'))).toEqual(parseMt535(fixture('mt535/equities-single-page.txt')));
      });
    });

    describe('When the text block arrives without the FIN envelope', () => {
      const body = text.slice(text.indexOf('{4:\n') + 4, text.indexOf('-}'));

      it('then the custodian given by the caller is used', () => {
        const bare = parseMt535(body, { custodian: 'CUSTCHZZXXX' });
        expect(bare.custodian).toBe('CUSTCHZZ');
        expect(bare.positions).toEqual(parseMt535(text).positions);
      });
    });

    describe('When sequence A carries qualifiers and fields this reader does not know', () => {
      const extended = withLine(text, ':17B::CONS//Y', ':17B::CONS//Y\n:22F::XYZW//ABCD\n:99Z::ABCD//1\n:95P::ACOW//ISSRCHZZ');

      it('then they are ignored', () => {
        expect(parseMt535(extended)).toEqual(parseMt535(text));
      });
    });

    describe('When an older sender omits 22F::STBA and 22F::CODE', () => {
      const older = text.replace(':22F::CODE//COMP\n', '').replace(':22F::STBA//SETT\n', '');

      it('then the statement is read as complete and on settled positions', () => {
        expect(parseMt535(older)).toMatchObject({ basis: 'SETTLED', completeness: 'COMPLETE' });
      });
    });

    describe('When the statement date has a UTC indicator (98E)', () => {
      it('then the offset is kept', () => {
        const withOffset = withLine(text, ':98C::STAT', ':98E::STAT//20240628173000,123/N0130');
        expect(parseMt535(withOffset).asOf).toEqual({ date: '2024-06-28', time: '17:30:00', utcOffset: '-01:30' });
      });
    });

    describe('When a holding is stated in digital token units (93F, newer releases)', () => {
      it('then the quantity type is DITU', () => {
        const tokens = withLine(text, ':93B::AGGR//UNIT/800,25', ':93F::AGGR//DITU/800,250000000000000001');
        expect(parseMt535(tokens).positions[1]?.aggregate).toEqual({ type: 'DITU', units: parseDecimal('800.250000000000000001') });
      });
    });
  });

  describe('Given a two-page statement, page 1 with CRLF and page 2 with LF', () => {
    const page1 = parseMt535(fixture('mt535/equities-multipage-p1.txt'));
    const page2 = parseMt535(fixture('mt535/equities-multipage-p2.txt'));

    describe('When both pages are parsed', () => {
      it('then they share the reference and only the last says so', () => {
        expect([page1.reference, page1.page, page1.lastPage]).toEqual(['HOLD20240701', 1, false]);
        expect([page2.reference, page2.page, page2.lastPage]).toEqual(['HOLD20240701', 2, true]);
        expect(page1.basis).toBe('TRADED');
      });

      it('then fractional quantities keep every decimal, down to the millionth', () => {
        expect(page1.positions[0]?.aggregate).toEqual(units('1000.123456'));
        expect(page2.positions[0]?.aggregate).toEqual(units('0.000001'));
      });

      it('then a 35B description line that starts with a colon stays part of the description', () => {
        expect(page1.positions[0]?.instrument).toEqual({ isin: 'US0378331005', description: 'APPLE INC :COMMON STOCK' });
        expect(page2.positions[1]?.instrument).toEqual({ isin: 'US02079K3059', description: 'ALPHABET INC :CLASS A' });
      });

      it('then N marks negative balances', () => {
        expect(page1.positions[1]).toMatchObject({ aggregate: units('250.5'), available: units('300.5'), notAvailable: units('-50') });
        expect(page1.subAccounts).toEqual([{ account: 'SAFE-2000-LEND', positions: [expect.objectContaining({ aggregate: units('-75.25') })] }]);
      });
    });
  });

  describe('Given a cancellation sent as a duplicate, in the input-form header', () => {
    describe('When it is parsed', () => {
      const statement = parseMt535(fixture('mt535/cancel-duplicate.txt'));

      it('then function and copy are read and the sender comes from block 1', () => {
        expect(statement).toMatchObject({ function: 'CANCEL', copy: 'DUPLICATE', custodian: 'CUSTCHZZ', positions: [], subAccounts: [] });
      });
    });
  });

  describe('Given the public prowide-core samples', () => {
    describe('When the bond statement with sub-balances per place of safekeeping is parsed', () => {
      const statement = parseMt535(fixture('mt535/prowide-bonds-subbal.txt'));

      it('then positions identified by a local code keep it in the description', () => {
        expect(statement.positions.map((position) => position.instrument)).toEqual([
          { description: '/US/31392EXH8 FEDERAL NATL MTG ASSN' },
          { description: '/US/31406RR72 FNMA POOL 817810' },
        ]);
      });

      it('then face amounts, amortised values and older-release SUBBAL balances are read', () => {
        const famt = (text: string) => ({ type: 'FAMT' as const, units: parseDecimal(text) });
        expect(statement.positions[1]).toMatchObject({
          aggregate: { type: 'AMOR', units: 0n },
          available: famt('-990692'),
          notAvailable: famt('990692'),
          subBalances: [
            { type: 'AGGR', quantity: famt('0'), placeOfSafekeeping: 'NCSD/FOOBUS33' },
            { type: 'AVAI', quantity: famt('-990692'), availability: 'AVAILABLE', placeOfSafekeeping: 'NCSD/FOOBUS33' },
            { type: 'NAVL', quantity: famt('990692'), availability: 'NOT_AVAILABLE', placeOfSafekeeping: 'NCSD/FOOBUS33' },
          ],
        });
        expect(statement).toMatchObject({ custodian: 'FOOBARXX', page: 5, lastPage: false, basis: 'TRADED' });
      });
    });

    describe('When the statement without holdings is parsed', () => {
      const statement: HoldingsStatement = parseMt535(fixture('mt535/prowide-empty-holdings.txt'));

      it('then it has no positions and zero totals', () => {
        expect(statement).toMatchObject({ account: 'ABC', positions: [], subAccounts: [], totals: { page: usd('0'), statement: usd('0') } });
      });
    });
  });
});
