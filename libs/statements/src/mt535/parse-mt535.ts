import { ParseOptions } from '../options';
import { ProblemCollector } from '../problems';
import { ParseSteps, runSteps, runStepsAsync } from '../steps';
import { keyed, statementDateTimeOf } from '../statement-key';
import { AccountHoldings, HoldingsStatement, PageTotals, Position } from '../statement';
import { SwiftBlock } from '../swift/blocks';
import { SwiftReader } from '../swift/located';
import { readSwiftMessage } from '../swift/message';
import { readHeader, safekeepingAccount } from '../swift/statement-header';
import { amount, dateOf } from '../swift/values';
import { readPosition } from './position';

function totals(reader: SwiftReader, root: SwiftBlock): PageTotals {
  const [addInfo] = reader.blocks(root, 'ADDINFO');
  if (!addInfo) return {};
  const total = (qualifier: string) => {
    const field = reader.optional(addInfo, ['19A'], qualifier);
    return field && amount(field, reader.failAt(field));
  };
  const page = total('HOLP');
  const statement = total('HOLS');
  return { ...(page === undefined ? {} : { page }), ...(statement === undefined ? {} : { statement }) };
}

/** Positions per account, in the order the accounts first appear; repeated SUBSAFE blocks of one account merge. */
function holdingsByAccount(reader: SwiftReader, root: SwiftBlock, mainAccount: string, positionsIn: (subsafe: SwiftBlock) => Position[]): Map<string, Position[]> {
  const byAccount = new Map<string, Position[]>([[mainAccount, []]]);
  for (const subsafe of reader.blocks(root, 'SUBSAFE')) {
    // A SUBSAFE without its own account reports the statement's account (17B::CONS//N).
    const account = safekeepingAccount(reader, subsafe) ?? mainAccount;
    const positions = byAccount.get(account) ?? [];
    byAccount.set(account, positions);
    positions.push(...positionsIn(subsafe));
  }
  return byAccount;
}

/** SWIFT MT535 Statement of Holdings (ISO 15022), CRLF or LF, with or without the FIN envelope. */
export function parseMt535(input: Uint8Array | string, options: ParseOptions = {}): HoldingsStatement {
  const problems = new ProblemCollector();
  return problems.run(() => runSteps(readMt535(input, options, problems)));
}

/** parseMt535 with a turn of the event loop every LINES_PER_STEP lines, for a server reading long statements. */
export function parseMt535Async(input: Uint8Array | string, options: ParseOptions = {}): Promise<HoldingsStatement> {
  const problems = new ProblemCollector();
  return runStepsAsync(readMt535(input, options, problems), problems);
}

function* readMt535(input: Uint8Array | string, options: ParseOptions, problems: ProblemCollector): ParseSteps<HoldingsStatement> {
  // Each FIN block becomes a position as it closes and is dropped: a page may hold 10,000 instruments.
  const positions = new Map<SwiftBlock, Position[]>();
  const { envelope, root, reader } = yield* readSwiftMessage(input, options, '535', (reader, block, parent) => {
    if (block.name !== 'FIN') return false;
    problems.attempt(() => {
      // A holding outside any sub-safekeeping block would otherwise be skipped without a word.
      if (parent.name !== 'SUBSAFE') reader.failIn(block, '16R (FIN)', `stands in ${parent.name ? `block ${parent.name}` : 'no block'}, not in SUBSAFE`);
      const position = readPosition(reader, block);
      const list = positions.get(parent);
      if (list) list.push(position);
      else positions.set(parent, [position]);
    });
    return true;
  });
  const genl = reader.requiredBlock(root, 'GENL');
  const header = readHeader(reader, genl, envelope, options, problems);
  const asOf = problems.attempt(() => {
    const dateField = reader.optional(genl, ['98C', '98E'], 'STAT') ?? reader.required(genl, ['98A'], 'STAT');
    return dateOf(dateField.value, dateField.tag, reader.failAt(dateField));
  }, { date: '' });
  const byAccount = problems.attempt(() => holdingsByAccount(reader, root, header.account, (subsafe) => positions.get(subsafe) ?? []), new Map<string, Position[]>());
  const subAccounts: AccountHoldings[] = [...byAccount].filter(([account]) => account !== header.account).map(([account, held]) => ({ account, positions: held }));
  return {
    kind: 'HOLDINGS',
    format: 'MT535',
    ...keyed('HOLDINGS', header, statementDateTimeOf(asOf)),
    asOf,
    positions: byAccount.get(header.account) ?? [],
    subAccounts,
    totals: problems.attempt(() => totals(reader, root), {}),
  };
}
