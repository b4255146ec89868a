import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { assembleStatement, cancellationOfMessage, CustodyEvent, custodyStream, PagesOfStatement, pagesOfStatementIn, pagesToFillIn, StatementWithdrawal } from '@recon/domain';
import { EVENT_STORE, EventStore } from '@recon/event-store';
import { Principal } from '@recon/platform';
import { HoldingsStatement, StatementHeader } from '@recon/statements';
import { randomUUID } from 'node:crypto';
import { commandMetadata, DeciderExecutor, EVENT_CODEC, EventCodec, PeriodSealGuard, RequestContext } from '@recon/command-execution';
import { DEFAULT_RECONCILER_SETTINGS } from '@recon/read-models';
import { CustodyCommandHandler } from './custody-command';
import { SettlementSource } from './settlement-ingestion';
import { SettlementFiling, TradeCommandSender } from './settlement-filing';
import { ExecuteTradeCommand, TradeCommandHandler } from './trade-command';
import { linksOfAccount } from './custody-links';
import { readWithCustodian } from './custodian-choice';
import { DryRunPreview, previewOf } from './dry-run-preview';
import { DryRunStore } from './dry-run-store';
import { statementIdOf } from './statement-ids';
import { AssemblyReport, IngestionReport } from './ingestion-report';
import { CustodyCommandSender, Ingestion } from './ingestion-run';
import { StatementFile } from './read-statement';
import { statementCommands } from './statement-commands';
import { ProblemSource } from './statement-problem';
import { transactionsCancelCommands, transactionsPageCommands, TransactionsSource } from './transactions-ingestion';

/** Business time of the statement: its as-of date, with the time when the sender gave it with an offset. */
function businessTimeOf({ asOf }: StatementHeader): string {
  return asOf.time !== undefined && asOf.utcOffset !== undefined ? `${asOf.date}T${asOf.time}${asOf.utcOffset}` : asOf.date;
}

function assemblyReport(pages: PagesOfStatement): AssemblyReport {
  const { received, lastPage, missing, withdrawn, complete, accounts } = assembleStatement(pages);
  return {
    received: [...received], ...(lastPage === undefined ? {} : { lastPage }), missing: [...missing], withdrawn: [...(withdrawn ?? [])], complete,
    accounts: [...accounts], cancelled: pages.cancellation !== undefined,
  };
}

/** How one file is to be taken. */
export interface IngestionOptions {
  /**
   * The custodian's BIC, for a file that names no sender (semt.002 without AppHdr or AcctSvcr, a CSV
   * without the column, a bare MT body); a file that names another sender is refused.
   */
  readonly custodian?: string;
  /** Parse, check and decide as for real, on an in-memory copy of the streams: nothing is appended. */
  readonly dryRun?: boolean;
}

/** A dry run's report: what the file would append (`appended`), and what that would change. */
export class DryRunIngestionReport extends IngestionReport {
  @ApiProperty({ type: DryRunPreview }) dryRun!: DryRunPreview;
}

/** The streams one run reads and writes, and where its commands go. */
interface RunTarget {
  readonly commands: CustodyCommandSender;
  readonly trades: TradeCommandSender;
  readonly store: EventStore;
}
/** The page's own reference and statement key, and, for a CANC, the message its PREV named. */
const messageOf = (statement: HoldingsStatement) => ({
  statementKey: statement.statementKey,
  messageReference: statement.messageReference,
  ...(statement.cancels === undefined ? {} : { cancels: statement.cancels }),
});

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

  async ingest(file: StatementFile, principal: Principal, options: IngestionOptions = {}): Promise<IngestionReport | DryRunIngestionReport> {
    const read = await readWithCustodian(file, options.custodian, async (account) => (await linksOfAccount(this.store, this.codec, account)).map((link) => link.custodian));
    const context: RequestContext = { principal, now: new Date().toISOString(), correlationId: randomUUID() };
    if (!options.dryRun) return this.run(read, file, context, { commands: this.commands, trades: this.commands, store: this.store });
    // The real decision on a copy: the same handler and executor, over a store whose appends stay in memory.
    const store = new DryRunStore(this.store, context.now);
    const executor = new DeciderExecutor(store, this.codec, new PeriodSealGuard(store, this.codec));
    const handler = new CustodyCommandHandler(executor);
    const trades = new TradeCommandHandler(executor);
    const report = await this.run(read, file, context, { commands: { execute: (message) => handler.execute(message) }, trades: { execute: (message: ExecuteTradeCommand) => trades.execute(message) }, store });
    const { policy, statementDueHourUtc } = DEFAULT_RECONCILER_SETTINGS;
    const accounts = report.assembly.accounts.map((account) => ({ custodian: report.custodian, account }));
    return { ...report, dryRun: await previewOf(this.store, this.codec, { accounts, appended: store.appended }, { ...policy, now: context.now }, statementDueHourUtc) };
  }

  private async run(read: ProblemSource | TransactionsSource | SettlementSource, file: StatementFile, context: RequestContext, target: RunTarget): Promise<IngestionReport> {
    const { kind } = read.statement;
    if (kind === 'SETTLEMENT_CONFIRMATION' || kind === 'SETTLEMENT_STATUS') {
      return new SettlementFiling(target.trades, target.store, this.codec).file(read as SettlementSource, context);
    }
    if (kind === 'TRANSACTIONS') return this.ingestTransactions(read as TransactionsSource, context, target);
    const source = read as ProblemSource;
    const { statement } = source;
    const planned = statementCommands(source, commandMetadata(context));
    const ingestion = new Ingestion(target.commands, context, { sourceDocument: file.name, businessTime: businessTimeOf(statement) });
    const withdrawal = planned.kind === 'pages' ? await this.withdrawalOf(target.store, statement) : undefined;

    if (planned.kind === 'cancellation') {
      // The statement's own account first: settling reads the cancellation from its stream.
      const [own] = planned.commands;
      if (own) await ingestion.cancel(own);
    } else if (withdrawal) {
      planned.commands.forEach((command) => ingestion.withdrawn(command));
      // Withdrawn in every account the page lists, also where the cancellation did not reach.
      for (const { data } of planned.commands) {
        const cancel = { custodian: data.custodian, account: data.account, statementReference: data.statementReference, cancels: statement.messageReference, cancellationId: withdrawal.cancellationId, asOf: withdrawal.asOf };
        await ingestion.cancel({ type: 'CancelStatement', data: cancel, metadata: ingestion.metadata });
      }
    } else {
      for (const command of planned.commands) await ingestion.receive(command, false);
    }
    const settled = await this.settle(target.store, ingestion, statement, planned.commands.map((command) => command.data.account), planned.kind === 'cancellation');
    const cancellationId = settled.cancellation?.cancellationId ?? (planned.kind === 'cancellation' ? planned.commands[0]?.data.cancellationId : undefined) ?? '';

    return {
      file: file.name,
      format: statement.format,
      custodian: statement.custodian,
      statementReference: statement.reference,
      ...messageOf(statement),
      page: statement.page,
      lastPage: statement.lastPage,
      asOf: statement.asOf.date,
      function: statement.function,
      ...(statement.copy === undefined ? {} : { copy: statement.copy }),
      pages: ingestion.pages,
      cancellations: ingestion.cancellationReports(cancellationId),
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
  private async ingestTransactions(source: TransactionsSource, context: RequestContext, target: RunTarget): Promise<IngestionReport> {
    const { statement } = source;
    if (statement.function === 'CANCEL') return this.cancelTransactions(source, context, target);
    const commands = transactionsPageCommands(source, commandMetadata(context));
    const ingestion = new Ingestion(target.commands, context, { sourceDocument: source.file, businessTime: businessTimeOf(statement) });
    for (const command of commands) await ingestion.record(command);
    const accounts = [...new Set(statement.movements.map((m) => m.account))];
    return {
      file: source.file, format: statement.format, custodian: statement.custodian, statementReference: statement.reference, page: statement.page,
      lastPage: statement.lastPage, asOf: statement.asOf.date, function: statement.function, ...(statement.copy === undefined ? {} : { copy: statement.copy }),
      pages: [], cancellations: [], movements: ingestion.movements, appended: ingestion.appended,
      assembly: { received: [statement.page], ...(statement.lastPage ? { lastPage: statement.page } : {}), missing: [], withdrawn: [], complete: true, accounts, cancelled: false },
    };
  }

  /**
   * An MT536 cancellation (23G CANC): the statement of transactions it names is withdrawn in every
   * account the message names, once; its movements stop counting and later pages of it are not recorded.
   */
  private async cancelTransactions(source: TransactionsSource, context: RequestContext, target: RunTarget): Promise<IngestionReport> {
    const { statement } = source;
    const commands = transactionsCancelCommands(source, commandMetadata(context));
    const ingestion = new Ingestion(target.commands, context, { sourceDocument: source.file, businessTime: businessTimeOf(statement) });
    for (const command of commands) await ingestion.cancel(command);
    const accounts = commands.map((command) => command.data.account);
    return {
      file: source.file, format: statement.format, custodian: statement.custodian, statementReference: statement.reference, page: statement.page,
      lastPage: statement.lastPage, asOf: statement.asOf.date, function: statement.function, ...(statement.copy === undefined ? {} : { copy: statement.copy }),
      pages: [], cancellations: ingestion.cancellationReports(commands[0]?.data.cancellationId ?? ''), movements: [], appended: ingestion.appended,
      assembly: { received: [], missing: [], withdrawn: [], complete: true, accounts, cancelled: true },
    };
  }

  /** Step 3: every account of the statement gets every page, or, cancelled, the cancellation. */
  private async settle(store: EventStore, ingestion: Ingestion, statement: HoldingsStatement, fileAccounts: readonly string[], cancelling: boolean): Promise<PagesOfStatement> {
    const settled = await this.pagesOf(store, statement);
    const { cancellation } = settled;
    const accounts = new Set([...assembleStatement(settled).accounts, ...fileAccounts]);
    if (cancellation) {
      const { cancellationId, asOf, cancels } = cancellation;
      for (const account of accounts) {
        const data = { custodian: statement.custodian, account, statementReference: statement.statementKey, cancellationId, asOf, ...(cancels === undefined ? {} : { cancels }) };
        await ingestion.cancel({ type: 'CancelStatement', data, metadata: ingestion.metadata });
      }
      return settled;
    }
    // A page withdrawn by its own cancellation leaves every account that was given it.
    for (const { messageReference: cancels, cancellationId, asOf } of cancelling ? settled.withdrawn ?? [] : []) {
      for (const account of accounts) {
        const data = { custodian: statement.custodian, account, statementReference: statement.statementKey, cancels, cancellationId, asOf };
        await ingestion.cancel({ type: 'CancelStatement', data, metadata: ingestion.metadata });
      }
    }
    for (const draft of pagesToFillIn(settled)) {
      const data = { ...draft, statementId: statementIdOf(draft.custodian, draft.account, draft.statementReference, draft.page) };
      await ingestion.receive({ type: 'ReceiveStatement', data, metadata: ingestion.metadata }, true);
    }
    return settled;
  }

  /** The statement's pages as its own account's stream holds them. */
  private async pagesOf(store: EventStore, statement: HoldingsStatement): Promise<PagesOfStatement> {
    return pagesOfStatementIn(await this.eventsOf(store, statement), statement.custodian, statement.statementKey);
  }

  /**
   * The cancellation that withdrew this page before it came, if one did: one of its statement (when
   * it named this message, or withdrew the statement for good), or one that overtook this message.
   */
  private async withdrawalOf(store: EventStore, statement: HoldingsStatement): Promise<StatementWithdrawal | undefined> {
    const events = await this.eventsOf(store, statement);
    const { cancellation } = pagesOfStatementIn(events, statement.custodian, statement.statementKey);
    if (cancellation && (cancellation.messages === undefined || cancellation.messages.includes(statement.messageReference))) return cancellation;
    return cancellationOfMessage(events, statement.custodian, statement.messageReference);
  }

  private async eventsOf(store: EventStore, statement: HoldingsStatement): Promise<CustodyEvent[]> {
    const stored = await store.readStream(custodyStream(statement.custodian, statement.account));
    return stored.map((recorded) => this.codec.decode(recorded) as CustodyEvent);
  }
}
