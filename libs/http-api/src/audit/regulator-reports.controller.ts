import { BadRequestException, Controller, Get, Inject, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CONTENT_TYPES, REPORT_FORMATS, ReportFormat, renderReport, reportFileName } from '@recon/reports';
import { Response } from 'express';
import { Roles } from '../auth/auth.decorators';
import { DailyReports } from './daily-reports.service';

/** Regulators download the daily proof-of-reserves and exceptions report. Read-only: nothing here appends an event. */
@ApiTags('reports')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('reports')
@Roles('regulator', 'auditor')
export class RegulatorReportsController {
  constructor(@Inject(DailyReports) private readonly reports: DailyReports) {}

  @Get('signing-key')
  @ApiOperation({ summary: 'The Ed25519 public key (base64 SPKI DER) reports are signed with' })
  signingKey() {
    return { algorithm: 'Ed25519', publicKey: this.reports.publicKey };
  }

  @Get('daily/:date')
  @ApiOperation({ summary: 'The signed daily report of a business day, rebuilt from the events (json, csv or pdf)' })
  @ApiQuery({ name: 'format', required: false, enum: REPORT_FORMATS })
  @ApiQuery({ name: 'knownAt', required: false, description: 'ISO-8601 system time: what the store had recorded by then' })
  @ApiQuery({ name: 'assetId', required: false })
  async daily(
    @Param('date') date: string,
    @Res({ passthrough: true }) response: Response,
    @Query('format') format = 'json',
    @Query('knownAt') knownAt?: string,
    @Query('assetId') assetId?: string,
  ): Promise<StreamableFile> {
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new BadRequestException({ message: [`format: one of ${REPORT_FORMATS.join(', ')}`] });
    const signed = await this.reports.build({ date, ...(knownAt ? { knownAt } : {}), ...(assetId ? { assetId } : {}) });
    const chosen = format as ReportFormat;
    response.setHeader('Content-Type', CONTENT_TYPES[chosen]);
    response.setHeader('Content-Disposition', `attachment; filename="${reportFileName(signed, chosen)}"`);
    response.setHeader('X-Report-Hash', signed.reportHash);
    return new StreamableFile(await renderReport(signed, chosen));
  }
}
