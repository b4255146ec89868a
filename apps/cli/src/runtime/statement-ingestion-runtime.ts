import { NestFactory } from '@nestjs/core';
import { Settings } from '@recon/platform';
import { DryRunIngestionReport, IngestionOptions, IngestionReport, StatementFile, StatementIngestion, StatementIngestionModule } from '@recon/ingestion';
import { openEventStore } from './open-event-store';

export interface StatementIngestionRuntime {
  /** Which event store, where; never credentials. */
  readonly description: string;
  ingest(file: StatementFile, options?: IngestionOptions): Promise<IngestionReport | DryRunIngestionReport>;
  close(): Promise<void>;
}

/**
 * The API's statement ingestion on the configured event store, in a Nest application context that
 * serves no HTTP. Events record `actor` as who ingested them.
 */
export async function openStatementIngestion(settings: Settings, actor: string): Promise<StatementIngestionRuntime> {
  const runtime = await openEventStore(settings);
  try {
    const context = await NestFactory.createApplicationContext(StatementIngestionModule.register(runtime.store), { logger: ['error', 'warn'] });
    await context.init(); // registers the CQRS handler the commands go through
    const ingestion = context.get(StatementIngestion);
    const principal = { id: actor, roles: ['operator'] as const, via: 'api-key' as const };
    return {
      description: runtime.description,
      ingest: (file, options) => ingestion.ingest(file, principal, options),
      close: async () => {
        await context.close();
        await runtime.close();
      },
    };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}
