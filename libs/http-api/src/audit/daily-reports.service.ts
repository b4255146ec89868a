import { Inject, Injectable, Optional, UnprocessableEntityException } from '@nestjs/common';
import type { RecordedEvent } from '@recon/event-store';
import { buildReport, ReportRequest, ReportSigningKey, signReport, SignedReport, validateReportRequest } from '@recon/reports';
import { READ_MODELS, ReadModels, requireReadModels } from '../read-side/read-models.provider';
import { REPORT_SIGNING_KEY } from './report-signing-key';

/** Builds signed daily reports from a replay (never the live read models), for the regulator routes. */
@Injectable()
export class DailyReports {
  constructor(
    @Inject(REPORT_SIGNING_KEY) private readonly key: ReportSigningKey,
    @Optional() @Inject(READ_MODELS) private readonly readModels?: ReadModels,
  ) {}

  get publicKey(): string {
    return this.key.publicKey;
  }

  async build(request: ReportRequest, onEvent?: (event: RecordedEvent) => void): Promise<SignedReport> {
    try {
      validateReportRequest(request);
    } catch (error) {
      throw new UnprocessableEntityException({ statusCode: 422, error: 'Unprocessable Entity', message: [(error as Error).message] });
    }
    const asOf = requireReadModels(this.readModels).asOf;
    if (!asOf) throw new UnprocessableEntityException('replays are not configured for this API instance');
    return signReport(await buildReport(asOf, request, undefined, onEvent), this.key);
  }
}
