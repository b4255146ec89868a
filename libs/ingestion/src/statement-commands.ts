import { CancelStatement, CommandMetadata, custodyDecider, CustodyCommand, DomainError, ReceiveStatement } from '@recon/domain';
import { StatementFieldError, toStatementCancellation, toStatementContents } from '@recon/statements';
import { cancellationIdOf, statementIdOf } from './statement-ids';
import { domainProblem, mappingProblem, ProblemSource, StatementProblem, StatementRefusedError } from './statement-problem';

/** What one statement file asks of the custody streams: its pages, or the withdrawal of a statement. */
export type StatementCommands =
  | { readonly kind: 'pages'; readonly commands: readonly ReceiveStatement[] }
  | { readonly kind: 'cancellation'; readonly commands: readonly CancelStatement[] };

function mapped(source: ProblemSource, metadata: CommandMetadata): StatementCommands {
  const { statement } = source;
  if (statement.function === 'CANCEL') {
    const cancellationId = cancellationIdOf(statement.custodian, statement.account, statement.reference, statement.page);
    return { kind: 'cancellation', commands: toStatementCancellation(statement).map((draft) => ({ type: 'CancelStatement', data: { ...draft, cancellationId }, metadata })) };
  }
  const commands = toStatementContents(statement).map(
    (draft): ReceiveStatement => ({ type: 'ReceiveStatement', data: { ...draft, statementId: statementIdOf(draft.custodian, draft.account, draft.statementReference, draft.page) }, metadata }),
  );
  return { kind: 'pages', commands };
}

/** The account a command is for: a domain refusal is located within that account's positions. */
const accountOf = (command: CustodyCommand): string => command.data.account;

/**
 * The statement's custody commands, every one already checked by the custody decider's own rules
 * (a decision on an empty stream validates the whole payload and reads no state), so that a bad
 * position refuses the file before anything is appended. Every refusal is collected and located.
 */
export function statementCommands(source: ProblemSource, metadata: CommandMetadata): StatementCommands {
  let planned: StatementCommands;
  try {
    planned = mapped(source, metadata);
  } catch (error) {
    if (error instanceof StatementFieldError) throw new StatementRefusedError(source.file, [mappingProblem(source, error)]);
    throw error;
  }
  const problems: StatementProblem[] = [];
  for (const command of planned.commands) {
    try {
      custodyDecider.decide(command, custodyDecider.initialState());
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problems.push(domainProblem(source, error, accountOf(command)));
    }
  }
  if (problems.length > 0) throw new StatementRefusedError(source.file, problems);
  return planned;
}
