import { isValidIsin } from '@recon/domain';
import { StatementParseError } from '../errors';
import { parseStatementAsync } from '../parse-statement';
import { turnsDuring } from '../testing/event-loop';
import { XML_CHUNK_CHARACTERS } from '../xml/read-xml';
import { isinNumber, largeSemt002, manySiblingNames } from '../testing/xml-shapes';
import { parseSemt002, parseSemt002Async } from './parse-semt002';

const POSITIONS = 20_000;
const report = Buffer.from(largeSemt002(Array.from({ length: POSITIONS }, (_, index) => isinNumber(index, isValidIsin))));

describe('Large semt.002 reports', () => {
  describe(`Given a report of ${POSITIONS} positions (about 5 MB)`, () => {
    // How fast (the 2 s for 5 MB) and the longest event-loop turn are measured by
    // `npm run bench -- parse.semt002.large`, not asserted here: a test must not depend on the machine.
    it('then it is read whole', () => {
      expect(report.length).toBeGreaterThan(4_500_000);
      const statement = parseSemt002(report);
      expect(statement.positions).toHaveLength(POSITIONS);
      expect(statement.positions[POSITIONS - 1]?.subBalances).toEqual([expect.objectContaining({ type: 'PEND', quantityDecimal: String((POSITIONS - 1) % 7) })]);
    });

    it('then the chunked reader gives the same statement, letting the event loop turn after every chunk', async () => {
      const { result, turns } = await turnsDuring(() => parseSemt002Async(report));
      expect(result).toEqual(parseSemt002(report));
      expect(turns).toBeGreaterThanOrEqual(Math.floor(report.length / XML_CHUNK_CHARACTERS));
    });

    it('then parseStatementAsync takes it too', async () => expect((await parseStatementAsync(report)).kind).toBe('HOLDINGS'));
  });

  describe('Given a damaged large report', () => {
    it('then the chunked reader refuses it with the line of the fault and the problems found before it', async () => {
      const damaged = Buffer.from(report.toString('utf8').replace('<Unit>1500.5</Unit>', '<Unit>15x0.5</Unit>').replace('</BalForAcct>\n<BalForAcct>\n  <FinInstrmId><ISIN>US000019999', '</BalForAcct>\n<BalForAcct>\n  <FinInstrmId><ISIN>US000019999</FinInstrmId>'));
      const error = await parseSemt002Async(damaged, { fileName: 'large.xml' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StatementParseError);
      const problems = (error as StatementParseError).problems;
      expect(problems.map((problem) => problem.field)).toEqual(['Unit (aggregate balance)', 'XML']);
      expect(problems[1]?.column).toBeGreaterThan(1);
    });
  });

  describe('Given a 350 KB report of thousands of distinct sibling element names', () => {
    // The shape that made the old reader quadratic; `npm run bench -- parse.xml.siblings` times it.
    it('then it is refused for what it lacks', () => {
      expect(() => parseSemt002(manySiblingNames(20_000))).toThrow('SctiesBalCtdyRpt');
    });
  });
});
