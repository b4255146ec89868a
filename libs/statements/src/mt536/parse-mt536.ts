import { ParseOptions } from '../options';
import { ProblemCollector } from '../problems';
import { ParseSteps, runSteps, runStepsAsync } from '../steps';
import { keyed, statementDateTimeOf } from '../statement-key';
import { AsOf, TransactionsStatement } from '../statement';
import { SwiftField } from '../swift/blocks';
import { readSwiftMessage } from '../swift/message';
import { readHeader, safekeepingAccount } from '../swift/statement-header';
import { dateOf } from '../swift/values';
import { Fail } from '../values/decimal';
import { readMovements } from './movements';

/** 69A `YYYYMMDD/YYYYMMDD` or 69B `YYYYMMDDHHMMSS/YYYYMMDDHHMMSS`: the period the statement covers. */
function period(field: SwiftField, fail: Fail): { from: AsOf; to: AsOf } {
  const [from = '', to, extra] = field.value.split('/');
  if (to === undefined || extra !== undefined) return fail('is not a period (from/to)');
  const tag = field.tag === '69A' ? '98A' : '98C';
  return { from: dateOf(from, tag, fail), to: dateOf(to, tag, fail) };
}

/** SWIFT MT536 Statement of Transactions; every instrument's balances are checked against its postings. */
export function parseMt536(input: Uint8Array | string, options: ParseOptions = {}): TransactionsStatement {
  const problems = new ProblemCollector();
  return problems.run(() => runSteps(readMt536(input, options, problems)));
}

/** parseMt536 with a turn of the event loop every LINES_PER_STEP lines, for a server reading long statements. */
export function parseMt536Async(input: Uint8Array | string, options: ParseOptions = {}): Promise<TransactionsStatement> {
  const problems = new ProblemCollector();
  return runStepsAsync(readMt536(input, options, problems), problems);
}

function* readMt536(input: Uint8Array | string, options: ParseOptions, problems: ProblemCollector): ParseSteps<TransactionsStatement> {
  const { envelope, root, reader } = yield* readSwiftMessage(input, options, '536');
  const genl = reader.requiredBlock(root, 'GENL');
  const header = readHeader(reader, genl, envelope, options, problems);
  const statementPeriod = problems.attempt(() => {
    const periodField = reader.required(genl, ['69A', '69B'], 'STAT');
    return period(periodField, reader.failAt(periodField));
  }, { from: { date: '' }, to: { date: '' } });
  const movements = reader.blocks(root, 'SUBSAFE').flatMap((subsafe) => {
    const account = problems.attempt(() => safekeepingAccount(reader, subsafe)) ?? header.account;
    return reader.blocks(subsafe, 'FIN').flatMap((fin) => problems.attempt(() => [readMovements(reader, fin, account)], []));
  });
  // A statement of transactions covers a period: its statement date for the key is the period, from/to.
  const statementDateTime = `${statementDateTimeOf(statementPeriod.from)}/${statementDateTimeOf(statementPeriod.to)}`;
  return { kind: 'TRANSACTIONS', format: 'MT536', ...keyed('TRANSACTIONS', header, statementDateTime), asOf: statementPeriod.to, period: statementPeriod, movements };
}
