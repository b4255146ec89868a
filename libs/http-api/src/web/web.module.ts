import { DynamicModule, Module } from '@nestjs/common';
import { READ_MODELS, ReadModels } from '../read-side/read-models.provider';
import { FEED_POLL_MS, FindingsFeed } from './findings-feed';
import { LiveFindingsController } from './live-findings.controller';
import { SessionController } from './session.controller';

/** What the web application needs beyond the query and command routes: who am I, and live changes. */
@Module({})
export class WebModule {
  static register(readModels: ReadModels | undefined, feedPollMs?: number): DynamicModule {
    return {
      module: WebModule,
      controllers: [SessionController, LiveFindingsController],
      providers: [
        ...(readModels ? [{ provide: READ_MODELS, useValue: readModels }] : []),
        ...(feedPollMs ? [{ provide: FEED_POLL_MS, useValue: feedPollMs }] : []),
        FindingsFeed,
      ],
    };
  }
}
