import { Command } from 'commander';
import { loadSettings } from '@recon/platform';
import { buildReport, REPORT_FORMATS, ReportFormat, renderReport, reportFileName, signReport, verifySignedReport } from '@recon/reports';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openAuditRuntime } from '../runtime/audit-runtime';
import { ProgressBar } from '../runtime/progress-bar';
import { isoTime, today } from './audit-options';

/** Exit code of `report verify` when the file is not what was signed, or not what the store says. */
export const REPORT_MISMATCH_EXIT_CODE = 3;

interface ReportOptions {
  date?: string;
  knownAt?: string;
  asset?: string;
  out: string;
  format: string;
  progress?: boolean;
  seed: boolean;
}

function formats(text: string): ReportFormat[] {
  const chosen = text.split(',').map((f) => f.trim());
  const unknown = chosen.filter((f) => !(REPORT_FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0 || chosen.length === 0) throw new Error(`--format must list ${REPORT_FORMATS.join(', ')} (got "${text}")`);
  return chosen as ReportFormat[];
}

/** `recon report`: the signed daily proof-of-reserves and exceptions report, as JSON, CSV and PDF. */
export function reportCommand(): Command {
  const command = new Command('report')
    .description('Write the signed daily proof-of-reserves and exceptions report (JSON, CSV, PDF), built from a replay')
    .option('--date <YYYY-MM-DD>', 'business day reported (UTC); default today')
    .option('--known-at <time>', 'system time: what the store had recorded by then; default everything')
    .option('--asset <assetId>', 'one asset only')
    .option('--out <folder>', 'where to write the files', '.')
    .option('--format <list>', `comma-separated: ${REPORT_FORMATS.join(',')}`, REPORT_FORMATS.join(','))
    .option('--progress', 'show the progress bar even when stderr is not a terminal')
    .option('--no-seed', 'embedded mode: do not seed the demo into an empty store')
    .action(async (options: ReportOptions) => {
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
    });
  command.addCommand(reportVerifyCommand());
  return command;
}

/**
 * `recon report verify <file>`: the signature and hash of a report's JSON file; with `--rebuild`,
 * the report built again from the event store (same day, system time and range) must hash the same.
 */
function reportVerifyCommand(): Command {
  return new Command('verify')
    .description('Check a report JSON file: hash and Ed25519 signature; with --rebuild, rebuild it from the store and compare hashes')
    .argument('<file>', 'the report .json file')
    .option('--public-key <base64>', 'trust only this signer (base64 SPKI DER, as GET /reports/signing-key gives it)')
    .option('--rebuild', 'rebuild the report from the configured event store and compare')
    .action(async (file: string, options: { publicKey?: string; rebuild?: boolean }) => {
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
    });
}
