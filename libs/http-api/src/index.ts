// The HTTP application as a library: `recon start` composes it with the adapters it chose, and the
// CLI's audit commands seed the embedded demo through it. Apps import it; it imports no app.
export { ApiModule } from './api.module';
export type { ApiDependencies } from './api.module';
export { createApiApp } from './create-api-app';
export { seedDemo } from './demo/demo-seed';
export { ExceptionOutboxDispatcher } from './read-side/exception-outbox.dispatcher';
export { IngestionReport, MovementReport } from './features/statements/ingestion-report';
export type { StatementFile } from './features/statements/read-statement';
export { StatementIngestion } from './features/statements/statement-ingestion.service';
export { StatementIngestionModule } from './features/statements/statement-ingestion.module';
export { StatementRefusedError } from './features/statements/statement-problem';
