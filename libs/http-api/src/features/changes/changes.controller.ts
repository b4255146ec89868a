import { Body, Controller, Get, NotFoundException, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CHANGE_KINDS } from '@recon/domain';
import { RequestContext } from '@recon/command-execution';
import { Roles } from '../../auth/auth.decorators';
import { CommandContext } from '../../http/command-context.decorator';
import { IdParam } from '../../http/id-param';
import { listParam } from '../../read-side/query-lists';
import { ReasonDto } from '../exceptions/exception.dto';
import { ChangeItem, ChangeQueue, itemOfChange } from './change-queue';
import { ChangeRequests } from './change-requests';

const STATUSES = ['PENDING', 'APPROVED', 'REJECTED'] as const;
const KINDS = [...CHANGE_KINDS, 'custody-schedule', 'reconciliation-policy'] as const;

/**
 * The pending-changes queue and its maker-checker decisions. A change is proposed by the route that
 * used to write (statements, movements, multiplier, deployments, account links); an approver who is
 * not the maker approves it here (403 MAKER_CHECKER for the maker, whatever case or spaces the name
 * comes with), which carries it out, or an approver (or the maker, withdrawing) rejects it with a reason.
 */
@ApiTags('changes')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('changes')
export class ChangesController {
  constructor(private readonly requests: ChangeRequests, private readonly queue: ChangeQueue) {}

  @Get()
  @Roles('operator', 'approver', 'auditor')
  @ApiOperation({ summary: 'Proposed changes (with custody-schedule and reconciliation-policy proposals), oldest first; filter by status and kind (lists: a,b or repeated)' })
  list(@Query('status') status?: string | string[], @Query('kind') kind?: string | string[]): Promise<ChangeItem[]> {
    return this.queue.list({ statuses: listParam('status', status, STATUSES), kinds: listParam('kind', kind, KINDS) });
  }

  @Get(':changeId')
  @Roles('operator', 'approver', 'auditor')
  @ApiOperation({ summary: 'One proposed change and how it was decided' })
  async one(@IdParam('changeId') changeId: string): Promise<ChangeItem> {
    const state = await this.requests.read(changeId);
    if (state.status === 'NONE') throw new NotFoundException({ statusCode: 404, error: 'CHANGE_NOT_FOUND', message: `no change ${changeId}` });
    return itemOfChange(state);
  }

  @Post(':changeId/approval')
  @Roles('approver')
  @ApiOperation({ summary: 'Approve a change (checker: an approver other than the maker) and carry it out as the checker, the maker recorded' })
  approve(@IdParam('changeId') changeId: string, @CommandContext() context: RequestContext) {
    return this.requests.approve(changeId, context);
  }

  @Post(':changeId/rejection')
  @Roles('operator', 'approver')
  @ApiOperation({ summary: 'Reject a change with a reason (an approver, or the maker withdrawing their own); nothing it proposed counts' })
  reject(@IdParam('changeId') changeId: string, @Body() body: ReasonDto, @CommandContext() context: RequestContext) {
    return this.requests.reject(changeId, body.reason, context);
  }
}
