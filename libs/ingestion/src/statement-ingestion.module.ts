import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@recon/event-store';
import { DeciderExecutor, domainEventCodec, EVENT_CODEC, PeriodSealGuard } from '@recon/command-execution';
import { CustodyCommandHandler } from './custody-command';
import { TradeCommandHandler } from './trade-command';
import { StatementIngestion } from './statement-ingestion.service';

/**
 * The statement ingestion without HTTP, for the command line and the watched folder: the same
 * service, command bus, custody handler and executor the API runs, on the store the caller opened.
 */
@Module({})
export class StatementIngestionModule {
  static register(store: EventStore): DynamicModule {
    return {
      module: StatementIngestionModule,
      imports: [CqrsModule.forRoot()],
      providers: [{ provide: EVENT_STORE, useValue: store }, { provide: EVENT_CODEC, useValue: domainEventCodec }, DeciderExecutor, PeriodSealGuard, CustodyCommandHandler, TradeCommandHandler, StatementIngestion],
    };
  }
}
