import { isValidIsin } from '@recon/domain';
import { StatementParseError } from '../errors';
import { parseStatementAsync } from '../parse-statement';
import { longestBlock } from '../testing/event-loop';
import { isinNumber, largeSemt002, manySiblingNames } from '../testing/xml-shapes';
import { parseSemt002, parseSemt002Async } from './parse-semt002';

const POSITIONS = 20_000;
const report = Buffer.from(largeSemt002(Array.from({ length: POSITIONS }, (_, index) => isinNumber(index, isValidIsin))));

describe('Large semt.002 reports', () => {
  describe(`Given a report of ${POSITIONS} positions (about 5 MB)`, () => {
    it('then it is read in under 2 seconds', () => {
      expect(report.length).toBeGreaterThan(4_500_000);
      const started = performance.now();
      const statement = parseSemt002(report);
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(statement.positions).toHaveLength(POSITIONS);
      expect(statement.positions[POSITIONS - 1]?.subBalances).toEqual([expect.objectContaining({ type: 'PEND', quantityDecimal: String((POSITIONS - 1) % 7) })]);
    });

    it('then the chunked reader gives the same statement without holding the event loop for 100 ms', async () => {
      const { result, longestMs } = await longestBlock(() => parseSemt002Async(report));
      expect(result).toEqual(parseSemt002(report));
      expect(longestMs).toBeLessThan(100);
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
    it('then it is refused for what it lacks within a second, not after minutes of reading', () => {
      const started = performance.now();
      expect(() => parseSemt002(manySiblingNames(20_000))).toThrow('SctiesBalCtdyRpt');
      expect(performance.now() - started).toBeLessThan(1_000);
    });
  });
});
