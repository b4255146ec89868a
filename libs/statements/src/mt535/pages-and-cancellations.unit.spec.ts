import { StatementParseError } from '../errors';
import { HoldingsStatement } from '../statement';
import { parseErrorOf } from '../testing/expect-parse-error';
import { mt535Page, PageSpec } from '../testing/mt535-builder';
import { parseMt535 } from './parse-mt535';

const APPLE = 'US0378331005';
const MICROSOFT = 'US5949181045';
const NESTLE = 'CH0038863350';
const read = (spec: PageSpec): HoldingsStatement => parseMt535(mt535Page(spec), { fileName: `${spec.seme}.txt` });
const identity = (page: HoldingsStatement) => ({
  messageReference: page.messageReference,
  linkedReferences: page.linkedReferences,
  pageNumber: page.pageNumber,
  continuation: page.continuation,
  statementKey: page.statementKey,
});

describe('MT535 pages, redeliveries and cancellations as SWIFT sends them', () => {
  describe('Given a statement of three pages, each its own message with its own SEME, each linking the page before with 20C::PREV', () => {
    const page1 = { seme: 'STMT0628P1', page: '1/MORE', holdings: [[APPLE, '100,']] } as const;
    const page2 = { seme: 'STMT0628P2', page: '2/MORE', previous: ['STMT0628P1'], holdings: [[MICROSOFT, '50,']] } as const;
    const page3 = { seme: 'STMT0628P3', page: '3/LAST', previous: ['STMT0628P2'], holdings: [[NESTLE, '7,5']] } as const;

    describe('When they arrive out of order (3, 1, 2)', () => {
      const pages = [read(page3), read(page1), read(page2)];
      it('then every page keeps its own reference, links and number', () => {
        expect(pages.map(identity)).toEqual([
          expect.objectContaining({ messageReference: 'STMT0628P3', linkedReferences: ['STMT0628P2'], pageNumber: 3, continuation: 'LAST' }),
          expect.objectContaining({ messageReference: 'STMT0628P1', linkedReferences: [], pageNumber: 1, continuation: 'MORE' }),
          expect.objectContaining({ messageReference: 'STMT0628P2', linkedReferences: ['STMT0628P1'], pageNumber: 2, continuation: 'MORE' }),
        ]);
      });
      it('then all three share one statement key, built from custodian, account, date and time, type and basis', () => {
        expect(new Set(pages.map((page) => page.statementKey))).toEqual(new Set(['HOLDINGS|CUSTCHZZ|SAFE-1000|2024-06-28T17:30:00|CUST|SETT']));
      });
      it('then the last page alone says it is last', () => expect(pages.map((page) => page.lastPage)).toEqual([true, false, false]));
    });

    describe('When only two pages make the statement (2/LAST arriving before 1/MORE)', () => {
      const [second, first] = [read({ ...page2, page: '2/LAST' }), read(page1)];
      it('then they group under one key, with distinct SEMEs', () => {
        expect(second?.statementKey).toBe(first?.statementKey);
        expect([first?.messageReference, second?.messageReference]).toEqual(['STMT0628P1', 'STMT0628P2']);
        expect(second?.continuation).toBe('LAST');
      });
    });

    describe('When a page of another statement arrives (another account, day, basis or time)', () => {
      it.each([
        ['another account', { account: 'SAFE-2000' }],
        ['another day', { statementDate: '20240627173000' }],
        ['another time of day', { statementDate: '20240628120000' }],
        ['another basis', { basis: 'TRAD' as const }],
        ['another custodian', { senderTerminal: 'OTHRGB2LAXXX' }],
      ])('then %s gives another key', (_case, change) => expect(read({ ...page2, ...change }).statementKey).not.toBe(read(page1).statementKey));
    });
  });

  describe('Given a page delivered twice', () => {
    const page = { seme: 'STMT0628P2', page: '2/LAST', previous: ['STMT0628P1'], holdings: [[MICROSOFT, '50,']] } as const;
    it('then the plain redelivery reads exactly as the first delivery', () => expect(read(page)).toEqual(read(page)));
    it('then a redelivery marked 23G NEWM/DUPL is the same page of the same statement, flagged as a duplicate', () => {
      const duplicate = read({ ...page, function: 'NEWM/DUPL' });
      expect(identity(duplicate)).toEqual(identity(read(page)));
      expect(duplicate).toMatchObject({ messageFunction: 'NEWM', copyOrDuplicate: 'DUPL', copy: 'DUPLICATE', function: 'NEW' });
      expect(read(page).copyOrDuplicate).toBeUndefined();
    });
  });

  describe('Given a cancellation of page 1 (23G CANC with its own SEME, naming page 1 in 20C::PREV)', () => {
    const cancellation = read({ seme: 'CANC0628P1', page: '1/ONLY', function: 'CANC', previous: ['STMT0628P1'] });
    it('then it cancels page 1, not its own reference', () => {
      expect(cancellation).toMatchObject({ messageFunction: 'CANC', function: 'CANCEL', cancels: 'STMT0628P1', messageReference: 'CANC0628P1' });
    });
    it('then it belongs to the statement it withdraws from', () => {
      expect(cancellation.statementKey).toBe(read({ seme: 'STMT0628P1', page: '1/MORE' }).statementKey);
    });
    it('then a new message cancels nothing', () => expect(read({ seme: 'STMT0628P1', page: '1/MORE' }).cancels).toBeUndefined());
  });

  describe('Given a cancellation without 20C::PREV', () => {
    const error = parseErrorOf(() => read({ seme: 'CANC0628P1', page: '1/ONLY', function: 'CANC' }));
    it('then it is refused, naming the missing field and the block it belongs in', () => {
      expect(error).toBeInstanceOf(StatementParseError);
      expect(error.field).toBe('20C (PREV reference) in 16R (LINK)');
      expect(error.reason).toContain('must name the message it cancels');
      expect(error.line).toBe(2);
    });
  });

  describe('Given the custodian as BIC8 in one page and as BIC11 ending XXX in another', () => {
    // The MIR holds BIC8 + terminal letter + branch: `CUSTCHZZAXXX` is the head office (BIC11 CUSTCHZZXXX).
    it('then both read as one custodian, in one normal form, and the pages share their key', () => {
      const headOffice = read({ seme: 'A', page: '1/MORE', senderTerminal: 'CUSTCHZZAXXX' });
      const bic8 = parseMt535(mt535Page({ seme: 'B', page: '2/LAST' }).replace(/^\{1:.*\{4:/, '{4:'), { custodian: 'CUSTCHZZ' });
      const bic11 = parseMt535(mt535Page({ seme: 'B', page: '2/LAST' }).replace(/^\{1:.*\{4:/, '{4:'), { custodian: 'CUSTCHZZXXX' });
      expect([headOffice.custodian, headOffice.senderBic, bic8.custodian, bic11.custodian]).toEqual(['CUSTCHZZ', 'CUSTCHZZ', 'CUSTCHZZ', 'CUSTCHZZ']);
      expect(new Set([headOffice.statementKey, bic8.statementKey, bic11.statementKey]).size).toBe(1);
    });
    it('then a real branch keeps its BIC11 and is another custodian', () => {
      expect(read({ seme: 'A', page: '1/ONLY', senderTerminal: 'CUSTCHZZA001' }).custodian).toBe('CUSTCHZZ001');
    });
  });

  describe('Given a position with a pending sub-balance (93C::PEND in SUBBAL)', () => {
    const statement = read({
      seme: 'PEND0628',
      page: '1/ONLY',
      holdings: [[APPLE, '100,', ':93B::AVAI//UNIT/70,', ':93B::NAVL//UNIT/30,', ':16R:SUBBAL', ':93C::PEND//UNIT/NAVL/30,', ':16S:SUBBAL', ':16R:SUBBAL', ':93C::BLOK/CUSTCHZZ/UNIT/NAVL/0,5', ':16S:SUBBAL']],
    });
    it('then the position carries aggregate, available, not available and each sub-balance with its type and quantity as text', () => {
      const [position] = statement.positions;
      expect(position?.aggregate.units).toBe(100n * 10n ** 18n);
      expect(position?.available?.units).toBe(70n * 10n ** 18n);
      expect(position?.notAvailable?.units).toBe(30n * 10n ** 18n);
      expect(position?.subBalances.map(({ type, quantityDecimal, availability, dataSourceScheme }) => ({ type, quantityDecimal, availability, dataSourceScheme }))).toEqual([
        { type: 'PEND', quantityDecimal: '30', availability: 'NOT_AVAILABLE', dataSourceScheme: undefined },
        { type: 'BLOK', quantityDecimal: '0.5', availability: 'NOT_AVAILABLE', dataSourceScheme: 'CUSTCHZZ' },
      ]);
    });
  });

  describe('Given a page with three problems: a bad statement date, a bad quantity and a bad ISIN', () => {
    const text = mt535Page({ seme: 'BAD0628', page: '1/ONLY', statementDate: '20240631173000', holdings: [[APPLE, '12a,5'], ['US0378331006', '1,']] });
    const error = parseErrorOf(() => parseMt535(text, { fileName: 'bad.txt' }));
    const lineOf = (prefix: string) => text.split('\n').findIndex((line) => line.startsWith(prefix)) + 1;
    it('then the refusal lists all three, each with line and field', () => {
      expect(error.problems.map(({ line, field }) => ({ line, field }))).toEqual([
        { line: lineOf(':93B::AGGR//UNIT/12a,5'), field: '93B (AGGR balance)' },
        { line: lineOf(':35B:ISIN US0378331006'), field: '35B (financial instrument)' },
        { line: lineOf(':98C::STAT'), field: '98C (STAT date and time)' },
      ]);
    });
    it('then the first problem is still the error\'s own line and field, and the message names all three', () => {
      expect({ line: error.line, field: error.field }).toEqual({ line: error.problems[0]?.line, field: error.problems[0]?.field });
      expect(error.message.split('\n')).toHaveLength(3);
      expect(error.message).toContain('bad.txt:');
      expect(error.message).toContain('is not a calendar date');
    });
  });

  describe('Given a page with more than a hundred bad quantities', () => {
    const holdings = Array.from({ length: 120 }, () => [APPLE, 'x'] as const);
    const error = parseErrorOf(() => read({ seme: 'MANY', page: '1/ONLY', holdings }));
    it('then it lists the first hundred and says there are more', () => {
      expect(error.problems).toHaveLength(100);
      expect(error.truncated).toBe(true);
      expect(error.message).toContain('stopped after 100 problems');
    });
  });
});
