import { loadSettings } from '@recon/platform';
import { buildReport, REPORT_FORMATS, ReportFormat, renderReport, reportFileName, signReport, verifySignedReport } from '@recon/reports';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isoTime, today } from '../commands/audit-options';
import { REPORT_MISMATCH_EXIT_CODE, ReportOptions } from '../commands/report.command';
import { openAuditRuntime } from '../runtime/audit-runtime';
import { ProgressBar } from '../runtime/progress-bar';

function formats(text: string): ReportFormat[] {
  const chosen = text.split(',').map((f) => f.trim());
  const unknown = chosen.filter((f) => !(REPORT_FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0 || chosen.length === 0) throw new Error(`--format must list ${REPORT_FORMATS.join(', ')} (got "${text}")`);
  return chosen as ReportFormat[];
}

/** What `recon report` does; loaded only when that command runs. */
export async function report(options: ReportOptions): Promise<void> {
  const chosen = formats(options.format);
  const request = {
    date: options.date ?? today(),
    ...(options.knownAt ? { knownAt: isoTime(options.knownAt, '--known-at') } : {}),
    ...(options.asset ? { assetId: options.asset } : {}),
  };
  const runtime = await openAuditRuntime(loadSettings(), { seed: options.seed });
  try {
    const progress = new ProgressBar('report', await runtime.head(), process.stderr, options.progress);
    const report = await buildReport(runtime.replay, request, ({ position }) => progress.update(position));
    progress.finish(BigInt(report.eventRange.readThrough));
    const signed = signReport(report, runtime.signingKey);
    await mkdir(options.out, { recursive: true });
    for (const format of chosen) {
      const file = path.join(options.out, reportFileName(signed, format));
      await writeFile(file, await renderReport(signed, format));
      console.log(file);
    }
    console.log(`report ${signed.report.reportDate}: events ${report.eventRange.first ?? '-'}..${report.eventRange.last ?? '-'} (${report.eventRange.events}), sha256 ${signed.reportHash}`);
  } finally {
    await runtime.close();
  }
}

/** What `recon report verify` does. */
export async function verifyReport(file: string, options: { publicKey?: string; rebuild?: boolean }): Promise<void> {
  const check = verifySignedReport(await readFile(file, 'utf8'), options.publicKey);
  if (!check.ok) {
    console.log(`report INVALID: ${check.problem}`);
    process.exitCode = REPORT_MISMATCH_EXIT_CODE;
    return;
  }
  const { report, reportHash } = check.signed;
  console.log(`signature valid: sha256 ${reportHash}, signed by ${check.signed.signature.publicKey}`);
  if (!options.rebuild) return;
  const runtime = await openAuditRuntime(loadSettings(), { seed: false });
  try {
    const rebuilt = signReport(
      await buildReport(runtime.replay, {
        date: report.reportDate,
        ...(report.knownAt ? { knownAt: report.knownAt } : {}),
        ...(report.assetId ? { assetId: report.assetId } : {}),
        upTo: BigInt(report.eventRange.readThrough),
      }),
      runtime.signingKey,
    );
    if (rebuilt.reportHash !== reportHash) {
      console.log(`report DIFFERS from the event store: rebuilt sha256 ${rebuilt.reportHash}, file ${reportHash}`);
      process.exitCode = REPORT_MISMATCH_EXIT_CODE;
      return;
    }
    console.log(`rebuilt from events ${report.eventRange.first ?? '-'}..${report.eventRange.last ?? '-'}: same sha256`);
  } finally {
    await runtime.close();
  }
}
