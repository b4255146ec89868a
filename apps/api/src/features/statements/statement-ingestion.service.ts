import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  assembleStatement,
  canonicalJson,
  CustodyCommand,
  CustodyEvent,
  custodyStream,
  PagesOfStatement,
  pagesOfStatementIn,
  pagesToFillIn,
  ReceiveStatement,
} from '@recon/domain';
import { EVENT_STORE, EventStore } from '@recon/event-store';
import { Principal } from '@recon/platform';
import { HoldingsStatement } from '@recon/statements';
import { createHash, randomUUID } from 'node:crypto';
import { commandMetadata } from '../../command-handling/aggregate-command';
import { EventSourcing } from '../../command-handling/decider-executor';
import { EVENT_CODEC, EventCodec } from '../../command-handling/event-codec';
import { CommandResult, RequestContext } from '../../command-handling/request-context';
import { ExecuteCustodyCommand } from '../custody/custody.controller';
import { statementIdOf } from '../custody/statement-ids';
import { AppendedEventReport, AssemblyReport, CancellationOutcome, CancellationReport, IngestionReport, PageOutcome, RecordedPageReport } from './ingestion-report';
import { readStatement, StatementFile } from './read-statement';
import { statementCommands } from './statement-commands';

/** Business time of the statement: its as-of date, with the time when the sender gave it with an offset. */
function businessTimeOf({ asOf }: HoldingsStatement): string {
  return asOf.time !== undefined && asOf.utcOffset !== undefined ? `${asOf.date}T${asOf.time}${asOf.utcOffset}` : asOf.date;
}

/**
 * Event ids follow from the command's content (and, in the executor, the stream): a file ingested
 * again, or twice at once, writes the same ids, which the store takes only once.
 */
const idempotencyKeyOf = (command: CustodyCommand): string =>
  `statement.${createHash('sha256').update(canonicalJson({ type: command.type, data: command.data })).digest('hex')}`;

function assemblyReport(pages: PagesOfStatement): AssemblyReport {
  const { received, lastPage, missing, complete, accounts } = assembleStatement(pages);
  return { received: [...received], ...(lastPage === undefined ? {} : { lastPage }), missing: [...missing], complete, accounts: [...accounts], cancelled: pages.cancellation !== undefined };
}

const PAGE_OUTCOMES: Readonly<Record<string, PageOutcome>> = { StatementReceived: 'recorded', ConflictingDuplicateDetected: 'conflicting-duplicate' };

/** One ingestion: the file's commands, who sent it and when, and what has been appended so far. */
class Ingestion {
  readonly appended: AppendedEventReport[] = [];

  constructor(
    private readonly commands: CommandBus,
    readonly context: RequestContext,
    private readonly sourcing: EventSourcing,
  ) {}

  async execute(command: CustodyCommand): Promise<CommandResult> {
    const context = { ...this.context, idempotencyKey: idempotencyKeyOf(command) };
    const result: CommandResult = await this.commands.execute(new ExecuteCustodyCommand(command, context, this.sourcing));
    this.appended.push(...result.appended.map(({ eventId, type }) => ({ streamId: result.streamId, eventId, type })));
    return result;
  }

  async receive(command: ReceiveStatement, filledIn: boolean): Promise<RecordedPageReport> {
    const { appended } = await this.execute(command);
    const { account, page, statementId, positions } = command.data;
    return { account, page, statementId, positions: positions.length, outcome: PAGE_OUTCOMES[appended[0]?.type ?? ''] ?? 'unchanged', filledIn };
  }
}

/**
 * Custody statement files in, custody events out, through the command bus like every command:
 * 1. parse (format from the content), map onto custody commands with deterministic ids, and check
 *    every command against the custody rules: any problem refuses the file, nothing is appended;
 * 2. send the commands, the statement's own account first (its stream sees every page);
 * 3. settle the statement from its own account's stream: give every account of it every page, or,
 *    when a cancellation withdrew it, withdraw it from every account it reported.
 * Step 3 reads what is stored after step 2, so two pages (or a page and its cancellation) ingested
 * at once still settle: whichever finishes last sees both. A failure during step 2 or 3 (a store
 * outage) leaves a prefix of idempotent appends; ingesting the file again completes it.
 */
@Injectable()
export class StatementIngestion {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_CODEC) private readonly codec: EventCodec,
  ) {}

  async ingest(file: StatementFile, principal: Principal): Promise<IngestionReport> {
    const source = readStatement(file);
    const { statement } = source;
    const context: RequestContext = { principal, now: new Date().toISOString(), correlationId: randomUUID() };
    const planned = statementCommands(source, commandMetadata(context));
    const ingestion = new Ingestion(this.commands, context, { sourceDocument: file.name, businessTime: businessTimeOf(statement) });

    const pages: RecordedPageReport[] = [];
    const cancellations = new Map<string, CancellationOutcome>();
    const fileAccounts = planned.commands.map((command) => command.data.account);
    if (planned.kind === 'cancellation') {
      // The statement's own account first: settling reads the cancellation from its stream.
      const [own] = planned.commands;
      if (own) cancellations.set(own.data.account, (await ingestion.execute(own)).appended.length > 0 ? 'cancelled' : 'unchanged');
    } else if ((await this.pagesOf(statement)).cancellation) {
      pages.push(...planned.commands.map(({ data }) => ({ account: data.account, page: data.page, statementId: data.statementId, positions: data.positions.length, outcome: 'withdrawn' as const, filledIn: false })));
    } else {
      for (const command of planned.commands) pages.push(await ingestion.receive(command, false));
    }

    const settled = await this.pagesOf(statement);
    const cancellation = settled.cancellation;
    if (cancellation) {
      const accounts = [...new Set([...assembleStatement(settled).accounts, ...fileAccounts])];
      for (const account of accounts) {
        const data = { custodian: statement.custodian, account, statementReference: statement.reference, ...cancellation };
        const { appended } = await ingestion.execute({ type: 'CancelStatement', data, metadata: commandMetadata(context) });
        if (appended.length > 0 || !cancellations.has(account)) cancellations.set(account, appended.length > 0 ? 'cancelled' : 'unchanged');
      }
    } else {
      for (const draft of pagesToFillIn(settled)) {
        const data = { ...draft, statementId: statementIdOf(draft.custodian, draft.account, draft.statementReference, draft.page) };
        pages.push(await ingestion.receive({ type: 'ReceiveStatement', data, metadata: commandMetadata(context) }, true));
      }
    }

    const cancellationId = cancellation?.cancellationId ?? '';
    return {
      file: file.name,
      format: statement.format,
      custodian: statement.custodian,
      statementReference: statement.reference,
      page: statement.page,
      lastPage: statement.lastPage,
      asOf: statement.asOf.date,
      function: statement.function,
      ...(statement.copy === undefined ? {} : { copy: statement.copy }),
      pages,
      cancellations: [...cancellations].map(([account, outcome]): CancellationReport => ({ account, cancellationId, outcome })),
      assembly: assemblyReport(settled),
      appended: ingestion.appended,
    };
  }

  /** The statement's pages as its own account's stream holds them. */
  private async pagesOf(statement: HoldingsStatement): Promise<PagesOfStatement> {
    const stored = await this.store.readStream(custodyStream(statement.custodian, statement.account));
    const events = stored.map((recorded) => this.codec.decode(recorded) as CustodyEvent);
    return pagesOfStatementIn(events, statement.custodian, statement.reference);
  }
}
