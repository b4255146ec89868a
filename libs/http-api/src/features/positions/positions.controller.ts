import { Controller, Get, Header, Inject, NotFoundException, Optional, Param, Query, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { accountPositions, accountPositionsAsOf, AccountPositionsView, custodyAccounts } from '@recon/read-models';
import type { Response } from 'express';
import { Roles } from '../../auth/auth.decorators';
import { READ_MODELS, ReadModels, requireReadModels } from '../../read-side/read-models.provider';
import { positionsCsv } from './positions-csv';
import { PositionsRequest, positionsRequest } from './position-params';

const AS_OF = 'ISO-8601 timestamp with offset: the positions as they stood then, replayed from the events whose business time is at or before it (a statement counts from its statement date, or its date and time when given with an offset)';
const KNOWN_AT = 'ISO-8601 timestamp with offset, with asOf: only events the store had recorded by then';
const CUSTODIAN = 'BIC of the custodian (8 or 11 characters; CUSTCHZZXXX is CUSTCHZZ)';
const ACCOUNT = 'Safekeeping account (97A::SAFE, SfkpgAcct)';

/** What a custodian says an account holds, per ISIN, with the breakdown and the statement pages it comes from. */
@ApiTags('custody')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('custody/accounts')
@Roles('operator', 'approver', 'auditor', 'regulator')
export class PositionsController {
  constructor(@Optional() @Inject(READ_MODELS) private readonly readModels?: ReadModels) {}

  @Get()
  @ApiOperation({ summary: 'Custody accounts with a statement that counts: custodian, account, statement reference and date' })
  accounts() {
    const { dataSource, schema } = requireReadModels(this.readModels);
    return custodyAccounts(dataSource, schema);
  }

  @Get(':custodian/:account/positions')
  @ApiOperation({ summary: 'Positions of one custody account per ISIN: aggregate, available, not available, every sub-balance, statement reference and date, completeness and source documents; now, or as of an instant' })
  @ApiParam({ name: 'custodian', description: CUSTODIAN, example: 'CUSTCHZZ' })
  @ApiParam({ name: 'account', description: ACCOUNT, example: 'SAFE-1000' })
  @ApiQuery({ name: 'asOf', required: false, description: AS_OF })
  @ApiQuery({ name: 'knownAt', required: false, description: KNOWN_AT })
  async positions(@Param('custodian') custodian: string, @Param('account') account: string, @Query('asOf') asOf?: string, @Query('knownAt') knownAt?: string) {
    const request = positionsRequest(custodian, account, asOf, knownAt);
    const view = await this.view(request);
    if (!view) throw new NotFoundException(`no statement counts for ${request.custodian}/${request.account}${request.asOf ? ` as of ${request.asOf}` : ''}`);
    return { ...(request.asOf ? { asOf: request.asOf } : {}), ...(request.knownAt ? { knownAt: request.knownAt } : {}), ...view };
  }

  @Get(':custodian/:account/positions/export.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'The same positions as CSV (RFC 4180, header row, exact decimal strings); an account without a statement gives the header only' })
  @ApiParam({ name: 'custodian', description: CUSTODIAN })
  @ApiParam({ name: 'account', description: ACCOUNT })
  @ApiQuery({ name: 'asOf', required: false, description: AS_OF })
  @ApiQuery({ name: 'knownAt', required: false, description: KNOWN_AT })
  async exportCsv(
    @Param('custodian') custodian: string,
    @Param('account') account: string,
    @Res({ passthrough: true }) response: Response,
    @Query('asOf') asOf?: string,
    @Query('knownAt') knownAt?: string,
  ): Promise<string> {
    const request = positionsRequest(custodian, account, asOf, knownAt);
    const name = `positions-${request.custodian}-${request.account}${request.asOf ? `-${request.asOf.slice(0, 10)}` : ''}.csv`.replace(/[^A-Za-z0-9._-]/g, '_');
    response.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    return positionsCsv(await this.view(request));
  }

  private async view(request: PositionsRequest): Promise<AccountPositionsView | undefined> {
    const readModels = requireReadModels(this.readModels);
    if (request.asOf === undefined) return accountPositions(readModels.dataSource, readModels.schema, request.custodian, request.account);
    if (!readModels.asOf) throw new ServiceUnavailableException('as-of replays are not configured for this API instance');
    return accountPositionsAsOf(readModels.asOf, { asOf: request.asOf, ...(request.knownAt ? { knownAt: request.knownAt } : {}) }, request.custodian, request.account);
  }
}
