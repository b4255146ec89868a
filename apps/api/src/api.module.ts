import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@recon/event-store';
import { CredentialVerifier, Settings } from '@recon/platform';
import { AuthenticationGuard } from './auth/authentication.guard';
import { DeciderExecutor } from './command-handling/decider-executor';
import { EVENT_CODEC } from './command-handling/event-codec';
import { domainEventCodec } from './command-handling/domain-event-codec';
import { FEATURE_CONTROLLERS, FEATURE_HANDLERS } from './features';
import { HealthController } from './health/health.controller';
import { ErrorFilter } from './http/error.filter';
import { CommandEtagInterceptor } from './http/etag.interceptor';
import { CollateralizationController } from './read-side/collateralization.controller';
import { DEFAULT_RECONCILER_TIMERS, ExceptionOutboxDispatcher, RECONCILER_TIMERS, ReconcilerTimers } from './read-side/exception-outbox.dispatcher';
import { ExceptionQueriesController } from './read-side/exception-queries.controller';
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
}

/** The HTTP application. Its dependencies come in from the caller, so tests and `recon start` choose the adapters. */
@Module({})
export class ApiModule {
  static register({ settings, store, readModels, reconcilerTimers, feedPollMs }: ApiDependencies): DynamicModule {
    return {
      module: ApiModule,
      imports: [CqrsModule.forRoot(), WebModule.register(readModels, feedPollMs)],
      controllers: [HealthController, StreamsController, ExceptionQueriesController, CollateralizationController, ...FEATURE_CONTROLLERS],
      providers: [
        { provide: EVENT_STORE, useValue: store },
        ...(readModels ? [{ provide: READ_MODELS, useValue: readModels }] : []),
        { provide: RECONCILER_TIMERS, useValue: reconcilerTimers ?? DEFAULT_RECONCILER_TIMERS },
        { provide: EVENT_CODEC, useValue: domainEventCodec },
        { provide: CredentialVerifier, useValue: new CredentialVerifier(settings) },
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: CommandEtagInterceptor },
        DeciderExecutor,
        ExceptionOutboxDispatcher,
        ...FEATURE_HANDLERS,
      ],
    };
  }
}
