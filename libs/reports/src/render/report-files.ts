import type { SignedReport } from '../sign/signed-report';
import { renderCsv } from './render-csv';
import { renderJson } from './render-json';
import { renderPdf } from './render-pdf';

export const REPORT_FORMATS = ['json', 'csv', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

/** The bytes of one format of a signed report. */
export async function renderReport(signed: SignedReport, format: ReportFormat): Promise<Buffer> {
  switch (format) {
    case 'json':
      return renderJson(signed);
    case 'csv':
      return renderCsv(signed);
    case 'pdf':
      return renderPdf(signed);
  }
}

/** `proof-of-reserves-2026-02-28[-bAAPL].json` */
export const reportFileName = (signed: SignedReport, format: ReportFormat): string =>
  `proof-of-reserves-${signed.report.reportDate}${signed.report.assetId ? `-${signed.report.assetId}` : ''}.${format}`;
