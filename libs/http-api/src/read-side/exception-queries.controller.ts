import { Controller, Get, Header, Inject, NotFoundException, Optional, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { AGE_BUCKETS, BREAK_TYPES, ExceptionEvent, exceptionStream, resolutionHistory, SEVERITIES, upcast } from '@recon/domain';
import { canFindEvents, EVENT_STORE, EventStore } from '@recon/event-store';
import { EXCEPTION_SORT_KEYS, EXCEPTION_STATUSES, ExceptionFilter, findException, listExceptions } from '@recon/read-models';
import { Principal } from '@recon/platform';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { IdParam } from '../http/id-param';
import { toJson } from '../streams/streams.controller';
import { ExceptionDetailDto } from './exception-detail.dto';
import { integerParam, listParam, toCsv } from './query-lists';
import { READ_MODELS, ReadModels, requireReadModels } from './read-models.provider';

interface QueueQuery {
  status?: string | string[];
  severity?: string | string[];
  assetId?: string | string[];
  breakType?: string | string[];
  ageBucket?: string | string[];
  assignee?: string | string[];
  sort?: string;
  order?: string;
  limit?: string;
  offset?: string;
}

const CSV_COLUMNS = ['exceptionId', 'shortId', 'assetId', 'breakType', 'subject', 'subjectLabel', 'severity', 'status', 'ageBucket', 'raisedAt', 'slaDueAt', 'slaBreached',
  'assignee', 'required', 'held', 'difference', 'resolution', 'approvedBy', 'resolvedAt', 'outcome', 'reasonCode', 'reopenReason'] as const;

/** In the assignee filter: the caller ("mine", so that one shared address shows each user their own) and nobody. */
const ME = 'me';
const NOBODY = 'none';

function assigneeFilter(raw: string | string[] | undefined, principal: Principal): Pick<ExceptionFilter, 'assignee' | 'unassigned'> {
  const values = listParam('assignee', raw);
  if (!values) return {};
  return { assignee: values.filter((value) => value !== NOBODY).map((value) => (value === ME ? principal.id : value)), unassigned: values.includes(NOBODY) };
}

/** The back office's exception queue: filter, sort, page, export, and the detail behind one exception. */
@ApiTags('exceptions')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('exceptions')
@Roles('operator', 'approver', 'auditor')
export class ExceptionQueriesController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(READ_MODELS) private readonly readModels?: ReadModels,
  ) {}

  private filter(query: QueueQuery, paged: boolean, principal: Principal): ExceptionFilter {
    const sort = listParam('sort', query.sort, EXCEPTION_SORT_KEYS)?.[0];
    const order = listParam('order', query.order, ['asc', 'desc'] as const)?.[0];
    return {
      status: listParam('status', query.status, EXCEPTION_STATUSES),
      severity: listParam('severity', query.severity, SEVERITIES),
      assetId: listParam('assetId', query.assetId),
      breakType: listParam('breakType', query.breakType, BREAK_TYPES),
      ageBucket: listParam('ageBucket', query.ageBucket, AGE_BUCKETS),
      ...assigneeFilter(query.assignee, principal),
      now: new Date().toISOString(),
      ...(sort ? { sort } : {}),
      ...(order ? { order } : {}),
      limit: paged ? integerParam('limit', query.limit, 1, 500) : 500,
      offset: paged ? integerParam('offset', query.offset, 0, 1_000_000) : 0,
    };
  }

  @Get()
  @ApiOperation({ summary: 'The exception queue, filtered, sorted and paged' })
  @ApiQuery({ name: 'status', required: false, description: `comma-separated: ${EXCEPTION_STATUSES.join(', ')}` })
  @ApiQuery({ name: 'severity', required: false, description: `comma-separated: ${SEVERITIES.join(', ')}` })
  @ApiQuery({ name: 'assetId', required: false })
  @ApiQuery({ name: 'breakType', required: false, description: `comma-separated: ${BREAK_TYPES.join(', ')}` })
  @ApiQuery({ name: 'ageBucket', required: false, description: `comma-separated: ${AGE_BUCKETS.join(', ')}` })
  @ApiQuery({ name: 'assignee', required: false, description: `comma-separated identities; ${ME} is the caller, ${NOBODY} the unassigned ("${ME},${NOBODY}": mine and unassigned)` })
  @ApiQuery({ name: 'sort', required: false, description: EXCEPTION_SORT_KEYS.join(', ') })
  @ApiQuery({ name: 'order', required: false, description: 'asc or desc (default desc)' })
  @ApiQuery({ name: 'limit', required: false, description: '1..500, default 50' })
  @ApiQuery({ name: 'offset', required: false })
  list(@Query() query: QueueQuery, @CurrentPrincipal() principal: Principal) {
    const { dataSource, schema } = requireReadModels(this.readModels);
    return listExceptions(dataSource, schema, this.filter(query, true, principal));
  }

  @Get('export.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="exceptions.csv"')
  @ApiOperation({ summary: 'The filtered exception list as CSV, every page' })
  async exportCsv(@Query() query: QueueQuery, @CurrentPrincipal() principal: Principal): Promise<string> {
    const { dataSource, schema } = requireReadModels(this.readModels);
    const filter = this.filter(query, false, principal);
    const rows: Array<Array<string | number | null>> = [];
    for (let offset = 0; ; offset += 500) {
      const page = await listExceptions(dataSource, schema, { ...filter, offset });
      for (const item of page.items) {
        const values: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
          ...item,
          slaBreached: item.slaBreached ? 'yes' : 'no',
          required: item.figures.required ?? null,
          held: item.figures.held ?? null,
          difference: item.figures.difference ?? null,
        };
        rows.push(CSV_COLUMNS.map((column) => values[column]));
      }
      if (offset + page.items.length >= page.total || page.items.length === 0) break;
    }
    return toCsv(CSV_COLUMNS, rows);
  }

  @Get(':exceptionId')
  @ApiOperation({ summary: 'One exception: its figures, the evidence events behind them, its outcome, every resolution it had (earlier ones and why it reopened) and its full history' })
  @ApiOkResponse({ type: ExceptionDetailDto, description: 'The queue row\'s fields (figures, status, outcome, ...), evidence, resolutions and history' })
  async detail(@IdParam('exceptionId') exceptionId: string) {
    const { dataSource, schema } = requireReadModels(this.readModels);
    const item = await findException(dataSource, schema, exceptionId, new Date().toISOString());
    if (!item) throw new NotFoundException(`exception ${exceptionId} not found`);
    const history = await this.store.readStream(exceptionStream(exceptionId));
    const evidence = canFindEvents(this.store) ? await this.store.findEvents(item.evidenceEventIds) : [];
    const found = new Set(evidence.map((event) => event.eventId));
    return {
      ...item,
      evidence: evidence.map((event) => ({ ...toJson(event), sourceDocument: event.metadata.sourceDocument ?? null })),
      evidenceNotFound: item.evidenceEventIds.filter((id) => !found.has(id)),
      resolutions: resolutionHistory(history.map((event) => upcast(event.type, event.schemaVersion, event.data) as ExceptionEvent)),
      history: history.map((event) => ({
        version: event.streamVersion,
        type: event.type,
        actor: event.metadata.actor ?? null,
        recordedAt: event.recordedAt,
        data: event.data,
      })),
    };
  }
}
