import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@recon/event-store';
import { CredentialVerifier, Settings } from '@recon/platform';
import { loadSigningKey, ReportSigningKey } from '@recon/reports';
import { DailyReports } from './audit/daily-reports.service';
import { PeriodSealsController } from './audit/period-seals.controller';
import { RegulatorReportsController } from './audit/regulator-reports.controller';
import { REPORT_SIGNING_KEY } from './audit/report-signing-key';
import { AuthenticationGuard } from './auth/authentication.guard';
import { DeciderExecutor, domainEventCodec, EVENT_CODEC, PeriodSealGuard } from '@recon/command-execution';
import { FEATURE_CONTROLLERS, FEATURE_HANDLERS } from './features';
import { HealthController } from './health/health.controller';
import { ErrorFilter } from './http/error.filter';
import { CommandEtagInterceptor } from './http/etag.interceptor';
import { CollateralizationController } from './read-side/collateralization.controller';
import { DEFAULT_RECONCILER_TIMERS, ExceptionOutboxDispatcher, RECONCILER_TIMERS, ReconcilerTimers } from './read-side/exception-outbox.dispatcher';
import { ExceptionQueriesController } from './read-side/exception-queries.controller';
import { configuredIdentities, CONFIGURED_IDENTITIES, IdentitiesController } from './read-side/identities.controller';
import { ReferenceDataController } from './read-side/reference-data.controller';
import { READ_MODELS, ReadModels } from './read-side/read-models.provider';
import { StreamsController } from './streams/streams.controller';
import { WebModule } from './web/web.module';

export interface ApiDependencies {
  readonly settings: Settings;
  readonly store: EventStore;
  /** The query side; without it the query routes answer 503 and the reconciler's dispatcher idles. */
  readonly readModels?: ReadModels;
  readonly reconcilerTimers?: ReconcilerTimers;
  /** How often the live feed of the web application looks for changes (default 1 s). */
  readonly feedPollMs?: number;
  /** Signs reports and period seals; default: RECON_REPORT_SIGNING_KEY, or a generated key in embedded mode. */
  readonly reportSigningKey?: ReportSigningKey;
}

/** The HTTP application. Its dependencies come in from the caller, so tests and `recon start` choose the adapters. */
@Module({})
export class ApiModule {
  static register({ settings, store, readModels, reconcilerTimers, feedPollMs, reportSigningKey }: ApiDependencies): DynamicModule {
    return {
      module: ApiModule,
      imports: [CqrsModule.forRoot(), WebModule.register(readModels, feedPollMs)],
      controllers: [HealthController, StreamsController, ExceptionQueriesController, CollateralizationController, ReferenceDataController, IdentitiesController, RegulatorReportsController, PeriodSealsController, ...FEATURE_CONTROLLERS],
      providers: [
        { provide: EVENT_STORE, useValue: store },
        ...(readModels ? [{ provide: READ_MODELS, useValue: readModels }] : []),
        { provide: RECONCILER_TIMERS, useValue: reconcilerTimers ?? DEFAULT_RECONCILER_TIMERS },
        { provide: EVENT_CODEC, useValue: domainEventCodec },
        { provide: CredentialVerifier, useValue: new CredentialVerifier(settings) },
        { provide: CONFIGURED_IDENTITIES, useValue: configuredIdentities(settings) },
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: CommandEtagInterceptor },
        // Validated when the API is built: a bad key stops the start with the setting's name.
        { provide: REPORT_SIGNING_KEY, useValue: reportSigningKey ?? loadSigningKey(process.env, settings.RECON_MODE) },
        DeciderExecutor,
        PeriodSealGuard,
        DailyReports,
        ExceptionOutboxDispatcher,
        ...FEATURE_HANDLERS,
      ],
    };
  }
}
