import { Controller, MessageEvent, Sse } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { interval, map, merge, Observable } from 'rxjs';
import { Roles } from '../auth/auth.decorators';
import { FindingsFeed } from './findings-feed';

/** Proxies drop a silent connection after a minute or so; a comment-like ping every 20 s keeps it open. */
const KEEP_ALIVE_MS = 20_000;

/**
 * Server-sent events for the live screens: `ready` once the feed has its baseline, then `findings` whenever an
 * exception is raised or changes, or the collateralization figures move. A client refreshes what it
 * shows on each; on reconnecting it reads everything again, so a missed message loses nothing.
 * Authenticated like every route (X-API-Key or bearer header, so the client reads the stream with
 * fetch rather than EventSource, which cannot send headers and would put the key in the URL).
 */
@ApiTags('live')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('live')
@Roles('operator', 'approver', 'auditor')
export class LiveFindingsController {
  constructor(private readonly feed: FindingsFeed) {}

  @Sse('findings')
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: 'Server-sent events: new and changed exceptions, collateralization changes' })
  findings(): Observable<MessageEvent> {
    return merge(
      this.feed.watch().pipe(map((message): MessageEvent => (message.type === 'ready' ? { type: 'ready', data: {} } : { type: 'findings', data: message.change }))),
      interval(KEEP_ALIVE_MS).pipe(map((): MessageEvent => ({ type: 'ping', data: {} }))),
    );
  }
}
