import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/auth.decorators';
import { RequestContext } from '@recon/command-execution';
import { statementIdOf } from '@recon/ingestion';
import { bicOf } from '../../http/bic-param';
import { statementDateOf } from '../../http/dto-validators';
import { CommandContext } from '../../http/command-context.decorator';
import { ChangeRequests } from '../changes/change-requests';
import { ReceiveStatementDto, RecordCustodyMovementDto } from './custody.dto';

/**
 * Custody figures typed in by hand: a statement of holdings or a movement. Each is a proposal (202)
 * until a second identity approves it under /changes; files from the custodian's channel (upload,
 * `recon ingest`, `recon watch`) are evidence and are recorded at once.
 */
@ApiTags('custody')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('custody')
@Roles('operator')
export class CustodyController {
  constructor(private readonly changes: ChangeRequests) {}

  @Post('statements')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Propose one page of a custody statement of holdings, typed in (four eyes: approve under /changes)' })
  receiveStatement(@Body() given: ReceiveStatementDto, @CommandContext() context: RequestContext) {
    // The stream and the statement id are keyed by the custodian: BIC8 and BIC11 `XXX` must land on one.
    const body = { ...given, custodian: bicOf('custodian', given.custodian), asOf: statementDateOf(given.asOf) };
    const statementId = statementIdOf(body.custodian, body.account, body.statementReference, body.page);
    const sourcing = { sourceDocument: `statement:${body.custodian}:${body.statementReference}:${body.page}`, businessTime: given.asOf };
    const summary = `statement ${body.statementReference} page ${body.page} of ${body.custodian}/${body.account} as of ${body.asOf}: ${body.positions.length} position(s)`;
    // A redelivered page decides nothing; the same page with other content is recorded as a conflict.
    return this.changes.propose({ kind: 'manual-statement', payload: { type: 'ReceiveStatement', data: { statementId, ...body }, sourcing }, summary }, context);
  }

  @Post('movements')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Propose a position movement reported by the custodian, typed in (four eyes: approve under /changes)' })
  recordMovement(@Body() given: RecordCustodyMovementDto, @CommandContext() context: RequestContext) {
    const body = { ...given, custodian: bicOf('custodian', given.custodian) };
    const { sourceReference, ...movement } = body;
    const sourcing = { sourceDocument: `movement:${body.custodian}:${sourceReference ?? body.movementId}`, businessTime: body.movedAt };
    const summary = `movement ${body.movementId} of ${body.custodian}/${body.account}: ${body.quantity} ${body.isin} at ${body.movedAt}`;
    return this.changes.propose({ kind: 'manual-movement', payload: { type: 'RecordCustodyMovement', data: movement, sourcing }, summary }, context);
  }
}
