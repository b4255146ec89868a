import { BadRequestException, Controller, Get, Headers, Inject, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, EventStore, RecordedEvent } from '@recon/event-store';
import { FigureTrace, TRACEABLE_FIGURES, TraceableFigure } from '@recon/reports';
import { Response } from 'express';
import { DailyReports } from '../audit/daily-reports.service';
import { Roles } from '../auth/auth.decorators';
import { etagOf } from '../http/if-match';

const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

/** Auditors and the team browse streams; the revision is the ETag, the token for If-Match. */
@ApiTags('streams')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller()
@Roles('operator', 'approver', 'auditor')
export class StreamsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DailyReports) private readonly reports: DailyReports,
  ) {}

  @Get('streams/:streamId')
  @ApiOperation({ summary: 'Read one stream; ETag is its revision' })
  @ApiOkResponse({ description: 'The stream, oldest event first' })
  async readStream(
    @Param('streamId') streamId: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (!STREAM_ID.test(streamId)) throw new BadRequestException({ message: ['streamId: must be letters, digits and ._:- (at most 200)'] });
    const events = await this.store.readStream(streamId);
    const version = events.length - 1;
    response.setHeader('ETag', etagOf(version));
    if (ifNoneMatch === etagOf(version)) {
      response.status(304);
      return undefined;
    }
    return { streamId, version, events: events.map(toJson) };
  }

  @Get('events')
  @ApiOperation({ summary: 'Read the global log ($all) in commit order, a page at a time' })
  @ApiQuery({ name: 'after', required: false, description: 'Global position to read after' })
  @ApiQuery({ name: 'limit', required: false, description: '1..1000, default 100' })
  async readAll(@Query('after') after?: string, @Query('limit') limit?: string) {
    const problems: string[] = [];
    if (after !== undefined && !/^\d+$/.test(after)) problems.push('after: must be a non-negative integer position');
    if (limit !== undefined && !(/^\d+$/.test(limit) && +limit >= 1 && +limit <= 1000)) problems.push('limit: must be an integer from 1 to 1000');
    if (problems.length) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: problems });
    const events = await this.store.readAll({ after: after === undefined ? undefined : BigInt(after), maxCount: limit ? +limit : 100 });
    const last = events.at(-1);
    return { events: events.map(toJson), next: last ? last.globalPosition.toString() : (after ?? null) };
  }

  @Get('trace/:date/:assetId/:figure')
  @ApiOperation({ summary: "From a figure of a daily report to the events and source documents behind it" })
  @ApiQuery({ name: 'knownAt', required: false, description: 'ISO-8601 system time, as for the report' })
  async trace(@Param('date') date: string, @Param('assetId') assetId: string, @Param('figure') figure: string, @Query('knownAt') knownAt?: string) {
    if (!(TRACEABLE_FIGURES as readonly string[]).includes(figure)) throw new BadRequestException({ message: [`figure: one of ${TRACEABLE_FIGURES.join(', ')}`] });
    const trace = new FigureTrace(assetId, figure as TraceableFigure);
    const signed = await this.reports.build({ date, assetId, ...(knownAt ? { knownAt } : {}) }, (event) => trace.observe(event));
    const line = signed.report.proofOfReserves[0];
    if (!line) throw new NotFoundException(`asset ${assetId} is not in the report of ${date}`);
    const value = figure === 'supply' ? line.chains.map((c) => ({ chainId: c.chainId, supply: c.supply, lastBlock: c.lastBlock })) : line[figure as Exclude<TraceableFigure, 'supply'>];
    return { date, assetId, figure, value, reportHash: signed.reportHash, eventRange: signed.report.eventRange, events: trace.events };
  }
}

export function toJson(event: RecordedEvent) {
  return { ...event, globalPosition: event.globalPosition.toString() };
}
