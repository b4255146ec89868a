import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { assembleStatement, CustodyEvent, custodyStream, PagesOfStatement, pagesOfStatementIn, pagesToFillIn } from '@recon/domain';
import { EVENT_STORE, EventStore } from '@recon/event-store';
import { Principal } from '@recon/platform';
import { HoldingsStatement, StatementHeader } from '@recon/statements';
import { randomUUID } from 'node:crypto';
import { commandMetadata, EVENT_CODEC, EventCodec, RequestContext } from '@recon/command-execution';
import { statementIdOf } from './statement-ids';
import { AssemblyReport, IngestionReport } from './ingestion-report';
import { Ingestion } from './ingestion-run';
import { readStatement, StatementFile } from './read-statement';
import { statementCommands } from './statement-commands';
import { ProblemSource } from './statement-problem';
import { transactionsCancelCommands, transactionsPageCommands, TransactionsSource } from './transactions-ingestion';

/** Business time of the statement: its as-of date, with the time when the sender gave it with an offset. */
function businessTimeOf({ asOf }: StatementHeader): string {
  return asOf.time !== undefined && asOf.utcOffset !== undefined ? `${asOf.date}T${asOf.time}${asOf.utcOffset}` : asOf.date;
}

function assemblyReport(pages: PagesOfStatement): AssemblyReport {
  const { received, lastPage, missing, complete, accounts } = assembleStatement(pages);
  return { received: [...received], ...(lastPage === undefined ? {} : { lastPage }), missing: [...missing], complete, accounts: [...accounts], cancelled: pages.cancellation !== undefined };
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
    const read = await readStatement(file);
    const context: RequestContext = { principal, now: new Date().toISOString(), correlationId: randomUUID() };
    if (read.statement.kind === 'TRANSACTIONS') return this.ingestTransactions(read as TransactionsSource, context);
    const source = read as ProblemSource;
    const { statement } = source;
    const planned = statementCommands(source, commandMetadata(context));
    const ingestion = new Ingestion(this.commands, context, { sourceDocument: file.name, businessTime: businessTimeOf(statement) });

    if (planned.kind === 'cancellation') {
      // The statement's own account first: settling reads the cancellation from its stream.
      const [own] = planned.commands;
      if (own) await ingestion.cancel(own);
    } else if ((await this.pagesOf(statement)).cancellation) {
      planned.commands.forEach((command) => ingestion.withdrawn(command));
    } else {
      for (const command of planned.commands) await ingestion.receive(command, false);
    }
    const settled = await this.settle(ingestion, statement, planned.commands.map((command) => command.data.account));

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
      pages: ingestion.pages,
      cancellations: ingestion.cancellationReports(settled.cancellation?.cancellationId ?? ''),
      assembly: assemblyReport(settled),
      appended: ingestion.appended,
    };
  }

  /**
   * A statement of transactions (MT536): each posting becomes a custody movement, every one checked
   * before any is appended; the postings of one account go together, so that another version of the
   * page is flagged as a conflicting duplicate rather than partly taken. Its pages stand alone (postings need no assembly), so the report's
   * assembly is the page itself.
   */
  private async ingestTransactions(source: TransactionsSource, context: RequestContext): Promise<IngestionReport> {
    const { statement } = source;
    if (statement.function === 'CANCEL') return this.cancelTransactions(source, context);
    const commands = transactionsPageCommands(source, commandMetadata(context));
    const ingestion = new Ingestion(this.commands, context, { sourceDocument: source.file, businessTime: businessTimeOf(statement) });
    for (const command of commands) await ingestion.record(command);
    const accounts = [...new Set(statement.movements.map((m) => m.account))];
    return {
      file: source.file, format: statement.format, custodian: statement.custodian, statementReference: statement.reference, page: statement.page,
      lastPage: statement.lastPage, asOf: statement.asOf.date, function: statement.function, ...(statement.copy === undefined ? {} : { copy: statement.copy }),
      pages: [], cancellations: [], movements: ingestion.movements, appended: ingestion.appended,
      assembly: { received: [statement.page], ...(statement.lastPage ? { lastPage: statement.page } : {}), missing: [], complete: true, accounts, cancelled: false },
    };
  }

  /**
   * An MT536 cancellation (23G CANC): the statement of transactions it names is withdrawn in every
   * account the message names, once; its movements stop counting and later pages of it are not recorded.
   */
  private async cancelTransactions(source: TransactionsSource, context: RequestContext): Promise<IngestionReport> {
    const { statement } = source;
    const commands = transactionsCancelCommands(source, commandMetadata(context));
    const ingestion = new Ingestion(this.commands, context, { sourceDocument: source.file, businessTime: businessTimeOf(statement) });
    for (const command of commands) await ingestion.cancel(command);
    const accounts = commands.map((command) => command.data.account);
    return {
      file: source.file, format: statement.format, custodian: statement.custodian, statementReference: statement.reference, page: statement.page,
      lastPage: statement.lastPage, asOf: statement.asOf.date, function: statement.function, ...(statement.copy === undefined ? {} : { copy: statement.copy }),
      pages: [], cancellations: ingestion.cancellationReports(commands[0]?.data.cancellationId ?? ''), movements: [], appended: ingestion.appended,
      assembly: { received: [], missing: [], complete: true, accounts, cancelled: true },
    };
  }

  /** Step 3: every account of the statement gets every page, or, cancelled, the cancellation. */
  private async settle(ingestion: Ingestion, statement: HoldingsStatement, fileAccounts: readonly string[]): Promise<PagesOfStatement> {
    const settled = await this.pagesOf(statement);
    const { cancellation } = settled;
    if (cancellation) {
      for (const account of new Set([...assembleStatement(settled).accounts, ...fileAccounts])) {
        const data = { custodian: statement.custodian, account, statementReference: statement.reference, ...cancellation };
        await ingestion.cancel({ type: 'CancelStatement', data, metadata: ingestion.metadata });
      }
      return settled;
    }
    for (const draft of pagesToFillIn(settled)) {
      const data = { ...draft, statementId: statementIdOf(draft.custodian, draft.account, draft.statementReference, draft.page) };
      await ingestion.receive({ type: 'ReceiveStatement', data, metadata: ingestion.metadata }, true);
    }
    return settled;
  }

  /** The statement's pages as its own account's stream holds them. */
  private async pagesOf(statement: HoldingsStatement): Promise<PagesOfStatement> {
    const stored = await this.store.readStream(custodyStream(statement.custodian, statement.account));
    const events = stored.map((recorded) => this.codec.decode(recorded) as CustodyEvent);
    return pagesOfStatementIn(events, statement.custodian, statement.reference);
  }
}
