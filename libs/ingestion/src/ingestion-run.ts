import { CancelStatement, CancelTransactions, canonicalJson, CommandMetadata, CustodyCommand, ReceiveStatement, RecordTransactionsPage } from '@recon/domain';
import { createHash } from 'node:crypto';
import { commandMetadata, CommandResult, EventSourcing, RequestContext } from '@recon/command-execution';
import { ExecuteCustodyCommand } from './custody-command';
import { AppendedEventReport, CancellationOutcome, CancellationReport, MovementReport, PageOutcome, RecordedPageReport } from './ingestion-report';

/**
 * Event ids follow from the command's content (and, in the executor, the stream): a file ingested
 * again, or twice at once, writes the same ids, which the store takes only once.
 */
const idempotencyKeyOf = (command: CustodyCommand): string =>
  `statement.${createHash('sha256').update(canonicalJson({ type: command.type, data: command.data })).digest('hex')}`;

const PAGE_OUTCOMES: Readonly<Record<string, PageOutcome>> = { StatementReceived: 'recorded', ConflictingDuplicateDetected: 'conflicting-duplicate' };

/** Where an ingestion sends its commands: the application's command bus, or a dry run's executor over an in-memory copy. */
export interface CustodyCommandSender {
  execute(message: ExecuteCustodyCommand): Promise<CommandResult>;
}

/** One ingestion: who sent the file and when, and what its commands did so far. */
export class Ingestion {
  readonly appended: AppendedEventReport[] = [];
  readonly pages: RecordedPageReport[] = [];
  readonly movements: MovementReport[] = [];
  private readonly cancellations = new Map<string, CancellationOutcome>();

  constructor(
    private readonly commands: CustodyCommandSender,
    private readonly context: RequestContext,
    private readonly sourcing: EventSourcing,
  ) {}

  get metadata(): CommandMetadata {
    return commandMetadata(this.context);
  }

  private async execute(command: CustodyCommand): Promise<CommandResult> {
    const context = { ...this.context, idempotencyKey: idempotencyKeyOf(command) };
    const result: CommandResult = await this.commands.execute(new ExecuteCustodyCommand(command, context, this.sourcing));
    this.appended.push(...result.appended.map(({ eventId, type }) => ({ streamId: result.streamId, eventId, type })));
    return result;
  }

  async receive(command: ReceiveStatement, filledIn: boolean): Promise<void> {
    const { appended } = await this.execute(command);
    this.pages.push(pageReport(command, PAGE_OUTCOMES[appended[0]?.type ?? ''] ?? 'unchanged', filledIn));
  }

  /** A statement of transactions page: each posting recorded, unchanged, or (the page conflicting with one recorded) not taken. */
  async record(command: RecordTransactionsPage): Promise<void> {
    const { appended } = await this.execute(command);
    const outcome = appended.some((event) => event.type === 'ConflictingTransactionsDetected') ? 'conflicting-duplicate' : appended.length > 0 ? 'recorded' : 'unchanged';
    const { account, postings } = command.data;
    this.movements.push(...postings.map(({ isin, quantity, movementId, movedAt }): MovementReport => ({ account, isin, quantity, movementId, movedAt, outcome })));
  }

  /** A page of a statement that a cancellation withdrew before it came: not sent. */
  withdrawn(command: ReceiveStatement): void {
    this.pages.push(pageReport(command, 'withdrawn', false));
  }

  /** A cancellation of a statement of holdings (MT535 and kin) or of transactions (MT536) in one account. */
  async cancel(command: CancelStatement | CancelTransactions): Promise<void> {
    const { appended } = await this.execute(command);
    const outcome: CancellationOutcome = appended.some((event) => event.type === 'StatementPageCancelled') ? 'page-withdrawn' : appended.length > 0 ? 'cancelled' : 'unchanged';
    // An account is reported cancelled if any command of this file cancelled it.
    if (outcome !== 'unchanged' || !this.cancellations.has(command.data.account)) this.cancellations.set(command.data.account, outcome);
  }

  cancellationReports(cancellationId: string): CancellationReport[] {
    return [...this.cancellations].map(([account, outcome]) => ({ account, cancellationId, outcome }));
  }
}

const pageReport = ({ data }: ReceiveStatement, outcome: PageOutcome, filledIn: boolean): RecordedPageReport => ({
  account: data.account,
  page: data.page,
  statementId: data.statementId,
  positions: data.positions.length,
  outcome,
  filledIn,
});
