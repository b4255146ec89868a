import { CancelTransactions, CommandMetadata, custodyDecider, DomainError, RecordTransactionsPage } from '@recon/domain';
import { StatementFieldError, toCustodyMovements, toTransactionsCancellation, TransactionsStatement } from '@recon/statements';
import { uuidFrom } from '@recon/command-execution';
import { cancellationIdOf } from './statement-ids';
import { StatementProblem, StatementRefusedError } from './statement-problem';

/** An MT536 as read: its text locates a refused posting. */
export interface TransactionsSource {
  readonly file: string;
  readonly text: string;
  readonly statement: TransactionsStatement;
}

/** A posting's identity: its place in the statement, so the same statement again records nothing twice. */
const movementIdOf = (custodian: string, account: string, reference: string, page: number, isin: string, posting: number): string =>
  uuidFrom(`movement\u0000${custodian}\u0000${account}\u0000${reference}\u0000${page}\u0000${isin}\u0000${posting}`);

/** 1-based line of the instrument's 35B (the block its postings are in), else line 1. */
function lineOfInstrument(text: string, isin: string | undefined): number {
  const index = isin === undefined ? -1 : text.split('\n').findIndex((line) => line.startsWith(`:35B:ISIN ${isin}`));
  return index + 1 || 1;
}

/**
 * The MT536's postings as one page command per account, each checked by the custody decider's rules
 * before anything is appended; any refusal refuses the file, located at its instrument. Another
 * delivery under the same reference and page with other postings is no refusal: the decider flags it
 * as a conflicting duplicate.
 */
export function transactionsPageCommands(source: TransactionsSource, metadata: CommandMetadata): RecordTransactionsPage[] {
  const problem = (field: string, message: string, isin?: string): StatementProblem => ({ file: source.file, line: lineOfInstrument(source.text, isin), field, message });
  let drafts;
  try {
    drafts = toCustodyMovements(source.statement);
  } catch (error) {
    if (error instanceof StatementFieldError) throw new StatementRefusedError(source.file, [problem(error.field, error.message, error.instrument?.isin)]);
    throw error;
  }
  const byAccount = new Map<string, RecordTransactionsPage>();
  for (const { statementReference, page, posting, custodian, account, ...movement } of drafts) {
    const command = byAccount.get(account) ?? { type: 'RecordTransactionsPage', data: { custodian, account, statementReference, page, postings: [] }, metadata };
    const postings = [...command.data.postings, { ...movement, movementId: movementIdOf(custodian, account, statementReference, page, movement.isin, posting) }];
    byAccount.set(account, { ...command, data: { ...command.data, postings } });
  }
  const commands = [...byAccount.values()];
  const problems = commands.flatMap((command) => command.data.postings.flatMap((posting) => {
    try {
      custodyDecider.decide({ ...command, data: { ...command.data, postings: [posting] } }, custodyDecider.initialState());
      return [];
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return [problem('36B::PSTA (posted quantity)', error.message, posting.isin)];
    }
  }));
  if (problems.length > 0) throw new StatementRefusedError(source.file, problems);
  return commands;
}

/**
 * An MT536 cancellation (23G CANC) as one CancelTransactions per account it names (its own first),
 * each checked by the custody decider's rules before anything is appended; a refusal is located at
 * the 23G field. Its id is the cancelling message's, as for a statement of holdings.
 */
export function transactionsCancelCommands(source: TransactionsSource, metadata: CommandMetadata): CancelTransactions[] {
  const { statement } = source;
  const line = (source.text.split('\n').findIndex((text) => text.startsWith(':23G:')) + 1) || 1;
  const problem = (message: string): StatementProblem => ({ file: source.file, line, field: '23G (function)', message });
  const cancellationId = cancellationIdOf(statement.custodian, statement.account, statement.reference, statement.page);
  let commands: CancelTransactions[];
  try {
    commands = toTransactionsCancellation(statement).map((draft) => ({ type: 'CancelTransactions', data: { ...draft, cancellationId }, metadata }));
  } catch (error) {
    if (error instanceof StatementFieldError) throw new StatementRefusedError(source.file, [problem(error.message)]);
    throw error;
  }
  const problems = commands.flatMap((command) => {
    try {
      custodyDecider.decide(command, custodyDecider.initialState());
      return [];
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return [problem(error.message)];
    }
  });
  if (problems.length > 0) throw new StatementRefusedError(source.file, problems);
  return commands;
}
