import { isValidIsin } from '@recon/domain';
import { StatementParseError } from '../errors';
import { parseStatementAsync } from '../parse-statement';
import { LINES_PER_STEP } from '../steps';
import { turnsDuring } from '../testing/event-loop';
import { mt535Page } from '../testing/mt535-builder';
import { isinNumber } from '../testing/xml-shapes';
import { parseMt535, parseMt535Async } from './parse-mt535';

const POSITIONS = 30_000;
const holdings = Array.from({ length: POSITIONS }, (_, index) => [isinNumber(index, isValidIsin), `${index},5`, ':93B::AVAI//UNIT/1,'] as const);
const page = mt535Page({ seme: 'LARGE0628', page: '1/ONLY', holdings });

describe('Long MT535 statements', () => {
  describe(`Given a page of ${POSITIONS} positions (${POSITIONS * 5} lines)`, () => {
    it(`then the async parse reads the same statement, letting the event loop turn every ${LINES_PER_STEP} lines`, async () => {
      const { result, turns } = await turnsDuring(() => parseMt535Async(page));
      expect(result).toEqual(parseMt535(page));
      expect(result.positions).toHaveLength(POSITIONS);
      expect(turns).toBeGreaterThanOrEqual(Math.floor((POSITIONS * 5) / LINES_PER_STEP));
    });

    it('then parseStatementAsync takes the same path', async () => expect((await parseStatementAsync(page)).kind).toBe('HOLDINGS'));

    it('then a bad quantity late in the page is refused by the async parse with its line, like the sync one', async () => {
      const damaged = page.replace(`:93B::AGGR//UNIT/${POSITIONS - 1},5`, ':93B::AGGR//UNIT/x');
      const error = (await parseMt535Async(damaged).catch((caught: unknown) => caught)) as StatementParseError;
      expect(error).toBeInstanceOf(StatementParseError);
      expect(error.problems.map(({ line, field }) => ({ line, field }))).toEqual([{ line: damaged.split('\n').indexOf(':93B::AGGR//UNIT/x') + 1, field: '93B (AGGR balance)' }]);
    });
  });
});
