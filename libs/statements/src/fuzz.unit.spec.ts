import { StatementParseError } from './errors';
import { parseStatement } from './parse-statement';
import { fixture, PORTAL_MAPPING } from './testing/fixtures';
import { MUTATION_KINDS, mutate } from './testing/mutations';
import { randomInt, seededRandom } from './testing/prng';
import { manySiblingNames } from './testing/xml-shapes';

// A failing case replays from its seed: STATEMENT_FUZZ_SEED=<seed> npx jest libs/statements/src/fuzz
const SEED = Number(process.env.STATEMENT_FUZZ_SEED ?? 535_536_002);
const MUTATIONS = 10_000;
const SAMPLES = [
  'mt535/equities-single-page.txt',
  'mt535/equities-multipage-p1.txt',
  'mt535/prowide-bonds-subbal.txt',
  'mt536/transactions.txt',
  'semt002/equities-v10.xml',
  'semt002/equities-v11.xml',
  'csv/standard-header.csv',
  'csv/portal-export-semicolon.csv',
]
  .map((name) => ({ name, bytes: fixture(name) as Uint8Array, options: { fileName: name, ...(name.includes('portal') ? { csv: PORTAL_MAPPING } : {}) } }))
  // The shape that made the old XML reader quadratic: many distinct sibling element names.
  .concat({ name: 'many-sibling-names.xml', bytes: Buffer.from(manySiblingNames(1_000)), options: { fileName: 'many-sibling-names.xml' } });

describe('Damaged statements', () => {
  describe(`Given ${MUTATIONS} seeded random mutations of valid samples (byte flips, truncation, duplicated and dropped lines)`, () => {
    it(`then each one (seed ${SEED}) parses to a statement or is refused with a StatementParseError, and none hangs`, () => {
      const random = seededRandom(SEED);
      const outcomes = { parsed: 0, refused: 0 };
      for (let index = 0; index < MUTATIONS; index++) {
        const sample = SAMPLES[index % SAMPLES.length] as (typeof SAMPLES)[number];
        const kind = MUTATION_KINDS[randomInt(random, MUTATION_KINDS.length)] ?? 'flip';
        const damaged = mutate(sample.bytes, kind, random);
        try {
          parseStatement(damaged, sample.options);
          outcomes.parsed++;
        } catch (error) {
          if (!(error instanceof StatementParseError)) {
            throw new Error(`mutation ${index} (${kind} of ${sample.name}, seed ${SEED}) threw ${String(error)}\n${Buffer.from(damaged).toString('latin1')}`, { cause: error });
          }
          outcomes.refused++;
        }
      }
      // Both outcomes must occur, or the mutations are too weak (or too strong) to mean anything.
      expect(outcomes.parsed).toBeGreaterThan(MUTATIONS / 20);
      expect(outcomes.refused).toBeGreaterThan(MUTATIONS / 20);
    }, 60_000);
  });
});
