import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CustodyCommand } from '@recon/domain';
import { Roles } from '../../auth/auth.decorators';
import { commandMetadata, CommandResult, EventSourcing, RequestContext } from '@recon/command-execution';
import { ExecuteCustodyCommand, statementIdOf } from '@recon/ingestion';
import { bicOf } from '../../http/bic-param';
import { statementDateOf } from '../../http/dto-validators';
import { CommandContext } from '../../http/command-context.decorator';
import { ReceiveStatementDto, RecordCustodyMovementDto } from './custody.dto';


/** What the custodian reports: statements of holdings and individual movements. */
@ApiTags('custody')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('custody')
@Roles('operator')
export class CustodyController {
  constructor(private readonly commands: CommandBus) {}

  private send(command: CustodyCommand, context: RequestContext, sourcing: EventSourcing): Promise<CommandResult> {
    return this.commands.execute(new ExecuteCustodyCommand(command, context, sourcing));
  }

  @Post('statements')
  @ApiOperation({ summary: 'Record one page of a custody statement of holdings (normalized)' })
  receiveStatement(@Body() given: ReceiveStatementDto, @CommandContext() context: RequestContext) {
    // The stream and the statement id are keyed by the custodian: BIC8 and BIC11 `XXX` must land on one.
    const body = { ...given, custodian: bicOf('custodian', given.custodian), asOf: statementDateOf(given.asOf) };
    const statementId = statementIdOf(body.custodian, body.account, body.statementReference, body.page);
    const sourcing = { sourceDocument: `statement:${body.custodian}:${body.statementReference}:${body.page}`, businessTime: given.asOf };
    // A redelivered page decides nothing; the same page with other content is recorded as a conflict.
    return this.send({ type: 'ReceiveStatement', data: { statementId, ...body }, metadata: commandMetadata(context) }, context, sourcing);
  }

  @Post('movements')
  @ApiOperation({ summary: 'Record a position movement reported by the custodian' })
  recordMovement(@Body() given: RecordCustodyMovementDto, @CommandContext() context: RequestContext) {
    const body = { ...given, custodian: bicOf('custodian', given.custodian) };
    const { sourceReference, ...movement } = body;
    const sourcing = { sourceDocument: `movement:${body.custodian}:${sourceReference ?? body.movementId}`, businessTime: body.movedAt };
    return this.send({ type: 'RecordCustodyMovement', data: movement, metadata: commandMetadata(context) }, context, sourcing);
  }
}
