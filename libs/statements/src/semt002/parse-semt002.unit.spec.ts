import { parseMt535 } from '../mt535/parse-mt535';
import { fixture, fixtureText, lineStarting } from '../testing/fixtures';
import { parseErrorOf } from '../testing/expect-parse-error';
import { parseDecimal } from '../values/decimal';
import { parseSemt002 } from './parse-semt002';

const V10 = fixtureText('semt002/equities-v10.xml');
const V11 = fixtureText('semt002/equities-v11.xml');
const refuse = (xml: string) => parseErrorOf(() => parseSemt002(xml, { fileName: 'report.xml' }));
const holdingsOf = ({ positions, subAccounts, totals }: ReturnType<typeof parseSemt002>) => ({ positions, subAccounts, totals });
// The sender's BIC comes from an envelope (FIN header, AppHdr) that not every one of these files has.
const headerOf = ({ positions: _p, subAccounts: _s, totals: _t, format: _f, senderBic: _b, ...header }: ReturnType<typeof parseSemt002>) => header;

describe('semt.002 securities balance custody report', () => {
  describe('Given the single-page MT535 and the same holdings as semt.002 001.10 and 001.11', () => {
    const mt535 = parseMt535(fixture('mt535/equities-single-page.txt'));

    describe('When all three are parsed', () => {
      const v10 = parseSemt002(fixture('semt002/equities-v10.xml'));
      const v11 = parseSemt002(fixture('semt002/equities-v11.xml'));

      it('then both versions normalize to the same positions, sub-accounts and totals as the MT535', () => {
        expect(holdingsOf(v10)).toEqual(holdingsOf(mt535));
        expect(holdingsOf(v11)).toEqual(holdingsOf(mt535));
      });

      it('then the statement header is the same too, only the format differs', () => {
        expect(headerOf(v10)).toEqual(headerOf(mt535));
        expect(headerOf(v11)).toEqual(headerOf(mt535));
        expect([v10.format, v11.format]).toEqual(['SEMT002', 'SEMT002']);
      });
    });
  });

  describe('Given a 001.10 report whose elements carry a namespace prefix', () => {
    it('then the prefix makes no difference', () => {
      const prefixed = V10.replace('<Document xmlns="', '<s:Document xmlns:s="').replace(/<(\/?)(?!s:|\?|!)(\w+)/g, '<$1s:$2');
      expect(prefixed).toContain('<s:AggtBal>');
      expect(parseSemt002(prefixed)).toEqual(parseSemt002(V10));
    });
  });

  describe('Given a version this reader does not take', () => {
    it('then the namespace is refused', () => {
      const error = refuse(V10.replace('xsd:semt.002.001.10', 'xsd:semt.002.001.09'));
      expect(error).toMatchObject({ line: lineStarting(V10, '<Document'), xpath: '/Document', field: 'Document (namespace)', value: 'urn:iso:std:iso:20022:tech:xsd:semt.002.001.09' });
    });
  });

  describe('Given an account identified only by a blockchain wallet', () => {
    const walletOnly = (xml: string, prefix = '') =>
      xml.replace(/<(\w+:)?SfkpgAcct>\s*<(\w+:)?Id>SAFE-1000<\/(\w+:)?Id>\s*<\/(\w+:)?SfkpgAcct>/, `<${prefix}BlckChainAdrOrWllt><${prefix}Id>0xWALLET</${prefix}Id></${prefix}BlckChainAdrOrWllt>`);

    it('then 001.11 reads the wallet as the account', () => {
      expect(parseSemt002(walletOnly(V11, 'ns2:')).account).toBe('0xWALLET');
    });

    it('then 001.10, which has no wallets, refuses the statement for want of an account', () => {
      expect(refuse(walletOnly(V10))).toMatchObject({ field: 'Id (safekeeping account)', reason: 'is missing', xpath: '/Document/SctiesBalCtdyRpt/SfkpgAcct/Id' });
    });
  });

  describe('Given a short position and a negative holding value', () => {
    const short = V10.replace('<ShrtLngInd>LONG</ShrtLngInd>', '<ShrtLngInd>SHOR</ShrtLngInd>').replace('<Sgn>true</Sgn>', '<Sgn>false</Sgn>');

    it('then ShrtLngInd and Sgn give the signs', () => {
      const [apple] = parseSemt002(short).positions;
      expect(apple?.aggregate.units).toBe(parseDecimal('-1234.5'));
      expect(apple?.value?.units).toBe(parseDecimal('-264553.35'));
    });
  });

  describe('Given a copy announced in the business application header', () => {
    it('then the copy indicator is read', () => {
      expect(parseSemt002(V11.replace('<CreDt>', '<CpyDplct>COPY</CpyDplct>\n    <CreDt>')).copy).toBe('COPY');
    });
  });

  describe('Given a quantity that is not a decimal', () => {
    const xml = V10.replace('<Unit>800.25</Unit>', '<Unit>800,25</Unit>');

    it('then the error names the line, the XPath and the field', () => {
      const error = refuse(xml);
      expect(error.message).toBe(
        `report.xml:${lineStarting(xml.replace(/^ +/gm, ''), '<Unit>800,25')} /Document/SctiesBalCtdyRpt/BalForAcct[2]/AggtBal/Qty/Qty/Qty/Unit field Unit (aggregate balance): "800,25" is not a decimal quantity`,
      );
    });
  });

  describe.each([
    ['a missing aggregate balance', (xml: string) => xml.replace(/<AggtBal>[\s\S]*?<\/AggtBal>/, ''), '/Document/SctiesBalCtdyRpt/BalForAcct[1]/AggtBal', 'is missing'],
    ['a minus sign where ShrtLngInd belongs', (xml: string) => xml.replace('<Unit>800.25</Unit>', '<Unit>-800.25</Unit>'), '/Document/SctiesBalCtdyRpt/BalForAcct[2]/AggtBal/Qty/Qty/Qty/Unit', 'is negative: the sign is given by ShrtLngInd'],
    ['a proprietary quantity', (xml: string) => xml.replace('<Unit>800.25</Unit>', '<Prtry><Id>X</Id></Prtry>'), '/Document/SctiesBalCtdyRpt/BalForAcct[2]/AggtBal', 'has no quantity'],
    ['an invalid ISIN', (xml: string) => xml.replace('<ISIN>IE00B5BMR087</ISIN>', '<ISIN>IE00B5BMR088</ISIN>'), '/Document/SctiesBalCtdyRpt/BalForAcct[2]/FinInstrmId/ISIN', 'is not a valid ISIN'],
    ['a date that is not on the calendar', (xml: string) => xml.replace('2024-06-28T17:30:00', '2024-06-31T17:30:00'), '/Document/SctiesBalCtdyRpt/StmtGnlDtls/StmtDtTm/DtTm', 'is not a calendar date'],
    ['an unknown update type', (xml: string) => xml.replace('<Cd>COMP</Cd>', '<Cd>FULL</Cd>'), '/Document/SctiesBalCtdyRpt/StmtGnlDtls/UpdTp/Cd', 'is not one of COMP, DELT'],
    ['a currency that is not ISO 4217', (xml: string) => xml.replace('<Amt Ccy="USD">548.12</Amt>', '<Amt Ccy="usd">548.12</Amt>'), '/Document/SctiesBalCtdyRpt/BalForAcct[2]/PricDtls/Val/Amt', 'is not an ISO 4217 currency code'],
    ['a balance outside its report', (xml: string) => xml.replace('<SfkpgAcct>', '<IntrmyInf><BalForAcct/></IntrmyInf><SfkpgAcct>'), '/Document/SctiesBalCtdyRpt/IntrmyInf/BalForAcct[1]', 'stands in IntrmyInf, not in SctiesBalCtdyRpt'],
    ['a repeated pagination', (xml: string) => xml.replace('</Pgntn>', '</Pgntn><Pgntn><PgNb>2</PgNb><LastPgInd>true</LastPgInd></Pgntn>'), '/Document/SctiesBalCtdyRpt/Pgntn[2]', 'repeats an element that occurs once'],
  ])('Given %s', (_case, damage, xpath, reason) => {
    it('then the statement is refused at that element', () => {
      const error = refuse(damage(V10));
      expect(error.xpath).toBe(xpath);
      expect(error.reason).toContain(reason);
      expect(error.line).toBeGreaterThan(1);
    });
  });
});
