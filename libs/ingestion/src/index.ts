// Custody statement files in, custody commands out, through the shared command executor: one
// service for the upload route, `recon ingest` and `recon watch` (see ../README.md).
export { CustodyCommandHandler, ExecuteCustodyCommand } from './custody-command';
export { ExecuteTradeCommand, TradeCommandHandler } from './trade-command';
export { AppendedEventReport, AssemblyReport, CancellationReport, IngestionReport, MovementReport, RecordedPageReport, SettlementReport, StatementRefusedReport } from './ingestion-report';
export type { StatementFile } from './read-statement';
export { cancellationIdOf, statementIdOf } from './statement-ids';
export { DryRunIngestionReport, StatementIngestion, type IngestionOptions } from './statement-ingestion.service';
export { BreakPreview, DryRunPreview, PositionPreview } from './dry-run-preview';
export { linksOfAccount, type CustodyLink } from './custody-links';
export { HOW_TO_GIVE_CUSTODIAN } from './custodian-choice';
export { describeProblem, type StatementProblem } from './statement-problem';
export { StatementIngestionModule } from './statement-ingestion.module';
export { StatementRefusedError } from './statement-problem';
