/**
 * parse.mt535 / parse.semt002: MB/s (and positions/s) through the statement parsers, bytes in,
 * normalized statement out, against a raw baseline doing the least any reader must do with the same
 * bytes: decode them as UTF-8 and split them into lines.
 *
 * Work size: one statement page of BENCH_PARSE_POSITIONS positions (default 10,000) in each format,
 * generated here with valid ISINs. Measured by the shared harness (support/paired.ts): warm-up,
 * then alternating parser/baseline pairs in the same process.
 *
 * parse.semt002.large: the 5 MB, 20,000-position report the statements' tests read whole, with the
 * seconds one parse takes (target: under 2 s) and the longest event-loop turn of its async parse in
 * CPU milliseconds (target: under 100 ms). parse.xml.siblings: the 350 KB report of 20,000 distinct
 * sibling names that made the old hand-written reader quadratic, with how much longer 20,000 take
 * than 10,000 (about 2 when linear, 4 when quadratic). Timings live here, never in a test.
 */
import { isValidIsin } from '@recon/domain';
import { HoldingsStatement, parseMt535, parseSemt002, parseSemt002Async } from '@recon/statements';
import { largeSemt002, manySiblingNames } from '../libs/statements/src/testing/xml-shapes';
import { BenchResult, round } from './support/measure';
import { measuredFields, paired } from './support/paired';

/** Repetitions per timed run, so that even the fast baseline runs long enough to time. */
const PARSE_REPEAT = 2;
const BASELINE_REPEAT = 20;

/** The i-th of a family of valid ISINs (the check digit found by trying the ten candidates). */
function isin(index: number): string {
  const base = `US${index.toString().padStart(9, '0')}`;
  for (let digit = 0; digit <= 9; digit++) if (isValidIsin(`${base}${digit}`)) return `${base}${digit}`;
  throw new Error(`no check digit for ${base}`);
}

interface Holding {
  readonly isin: string;
  /** Fractional share quantities with up to three decimals, as text with a point. */
  readonly quantity: string;
  readonly price: string;
}

const holdings = (count: number): Holding[] =>
  Array.from({ length: count }, (_, i) => ({ isin: isin(i), quantity: `${1000 + i}.${(i * 7) % 1000}`, price: `${100 + (i % 400)}.${(i * 13) % 100}` }));

const comma = (decimal: string) => decimal.replace('.', ',');

function mt535(positions: readonly Holding[]): Buffer {
  const lines = [
    '{1:F01ISSRCHZZAXXX0000000000}{2:O5351730240628CUSTCHZZAXXX12345678902406281731N}{4:',
    ':16R:GENL',
    ':28E:1/ONLY',
    ':20C::SEME//BENCH20240628',
    ':23G:NEWM',
    ':98C::STAT//20240628173000',
    ':22F::CODE//COMP',
    ':22F::STBA//SETT',
    ':97A::SAFE//SAFE-1000',
    ':16S:GENL',
    ':16R:SUBSAFE',
    ...positions.flatMap((p) => [
      ':16R:FIN',
      `:35B:ISIN ${p.isin}`,
      'BENCH EQUITY',
      `:90B::MRKT//ACTU/USD${comma(p.price)}`,
      `:93B::AGGR//UNIT/${comma(p.quantity)}`,
      `:93B::AVAI//UNIT/${comma(p.quantity)}`,
      ':16S:FIN',
    ]),
    ':16S:SUBSAFE',
    '-}',
  ];
  return Buffer.from(lines.join('\r\n'));
}

function semt002(positions: readonly Holding[]): Buffer {
  const balance = (p: Holding) => `    <BalForAcct>
      <FinInstrmId><ISIN>${p.isin}</ISIN><Desc>BENCH EQUITY</Desc></FinInstrmId>
      <AggtBal><ShrtLngInd>LONG</ShrtLngInd><Qty><Qty><Qty><Unit>${p.quantity}</Unit></Qty></Qty></Qty></AggtBal>
      <AvlblBal><Qty><Qty><Unit>${p.quantity}</Unit></Qty></Qty></AvlblBal>
      <PricDtls><Tp><Cd>MRKT</Cd></Tp><Val><Amt Ccy="USD">${p.price}</Amt></Val><ValTp><Yldd>false</Yldd></ValTp></PricDtls>
    </BalForAcct>`;
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:semt.002.001.11">
  <SctiesBalCtdyRpt>
    <Pgntn><PgNb>1</PgNb><LastPgInd>true</LastPgInd></Pgntn>
    <StmtGnlDtls>
      <StmtId>BENCH20240628</StmtId><StmtDtTm><DtTm>2024-06-28T17:30:00</DtTm></StmtDtTm>
      <UpdTp><Cd>COMP</Cd></UpdTp><StmtBsis><Cd>SETT</Cd></StmtBsis>
    </StmtGnlDtls>
    <AcctSvcr><Id><AnyBIC>CUSTCHZZXXX</AnyBIC></Id></AcctSvcr>
    <SfkpgAcct><Id>SAFE-1000</Id></SfkpgAcct>
${positions.map(balance).join('\n')}
  </SctiesBalCtdyRpt>
</Document>
`);
}

/** Raw baseline: decode and split into lines, which every line- or tag-oriented reader starts with. */
function splitLines(bytes: Buffer): number {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes).split('\n').length;
}

async function measure(bench: string, bytes: Buffer, positions: number, parse: (input: Buffer) => HoldingsStatement): Promise<BenchResult> {
  const megabytes = bytes.length / 1e6;
  if (parse(bytes).positions.length !== positions) throw new Error(`${bench}: the generated statement does not parse to ${positions} positions`);
  const repeated = (times: number, once: () => unknown) => async () => {
    for (let i = 0; i < times; i++) once();
    return megabytes * times;
  };
  console.error(`${bench}: ${positions} positions, ${round(megabytes, 2)} MB`);
  const m = await paired({ name: bench, value: repeated(PARSE_REPEAT, () => parse(bytes)), baseline: repeated(BASELINE_REPEAT, () => splitLines(bytes)), digits: 2 });
  return {
    bench,
    unit: 'MB/s',
    ...measuredFields(m),
    n: positions,
    positionsPerSecond: Math.round((m.value / megabytes) * positions),
    megabytes: round(megabytes, 2),
    peakRssMb: round(process.memoryUsage().rss / 1024 / 1024, 1),
  };
}

/** The longest stretch of CPU time the event loop went without a turn while `work` ran, in ms. */
async function longestTurnMs(work: () => Promise<unknown>): Promise<number> {
  let longest = 0;
  let last = process.cpuUsage();
  let running = true;
  const tick = () => {
    const spent = process.cpuUsage(last);
    longest = Math.max(longest, (spent.user + spent.system) / 1000);
    last = process.cpuUsage();
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  await work();
  running = false;
  return longest;
}

async function measureLarge(): Promise<BenchResult> {
  const count = 20_000;
  const bytes = Buffer.from(largeSemt002(Array.from({ length: count }, (_, i) => isin(i))));
  const result = await measure('parse.semt002.large', bytes, count, (input) => parseSemt002(input, { fileName: 'large.xml' }));
  return { ...result, secondsPerParse: round(result.megabytes as number / result.value, 3), longestTurnMs: round(await longestTurnMs(() => parseSemt002Async(bytes)), 1) };
}

async function measureSiblings(): Promise<BenchResult> {
  const refused = (text: string) => () => {
    try {
      parseSemt002(Buffer.from(text));
    } catch {
      return; // refused for what it lacks, as the test expects: the reading is what is timed
    }
    throw new Error('parse.xml.siblings: the report of sibling names was not refused');
  };
  const secondsOf = (read: () => void) => {
    const best = [0, 1, 2].map(() => {
      const started = process.hrtime.bigint();
      read();
      return Number(process.hrtime.bigint() - started) / 1e9;
    });
    return Math.min(...best);
  };
  const small = manySiblingNames(10_000);
  const large = manySiblingNames(20_000);
  const bytes = Buffer.from(large);
  const megabytes = bytes.length / 1e6;
  const m = await paired({
    name: 'parse.xml.siblings',
    value: async () => { refused(large)(); return megabytes; },
    baseline: async () => { for (let i = 0; i < BASELINE_REPEAT; i++) splitLines(bytes); return megabytes * BASELINE_REPEAT; },
    digits: 2,
  });
  const growth = secondsOf(refused(large)) / secondsOf(refused(small));
  return { bench: 'parse.xml.siblings', unit: 'MB/s', ...measuredFields(m), n: 20_000, megabytes: round(megabytes, 2), growthTwiceTheSiblings: round(growth, 2) };
}

export async function run(): Promise<BenchResult[]> {
  const count = Number(process.env.BENCH_PARSE_POSITIONS ?? 10_000);
  const positions = holdings(count);
  return [
    await measure('parse.mt535', mt535(positions), count, (bytes) => parseMt535(bytes, { fileName: 'bench.mt535' })),
    await measure('parse.semt002', semt002(positions), count, (bytes) => parseSemt002(bytes, { fileName: 'bench.xml' })),
    await measureLarge(),
    await measureSiblings(),
  ];
}
