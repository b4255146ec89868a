import { Command } from 'commander';

/** Exit code of `report verify` when the file is not what was signed, or not what the store says. */
export const REPORT_MISMATCH_EXIT_CODE = 3;

export interface ReportOptions {
  date?: string;
  knownAt?: string;
  asset?: string;
  out: string;
  format: string;
  progress?: boolean;
  seed: boolean;
}

/**
 * The formats `--format` offers, spelled here so that `recon --help` need not load the reports library;
 * the action checks the choice against the library's own list (REPORT_FORMATS), and a unit test keeps
 * the two equal.
 */
export const REPORT_FORMAT_NAMES = ['json', 'csv', 'pdf'] as const;

/** `recon report`: the signed daily proof-of-reserves and exceptions report, as JSON, CSV and PDF. */
export function reportCommand(): Command {
  const command = new Command('report')
    .description('Write the signed daily proof-of-reserves and exceptions report (JSON, CSV, PDF), built from a replay')
    .option('--date <YYYY-MM-DD>', 'business day reported (UTC); default today')
    .option('--known-at <time>', 'system time: what the store had recorded by then; default everything')
    .option('--asset <assetId>', 'one asset only')
    .option('--out <folder>', 'where to write the files', '.')
    .option('--format <list>', `comma-separated: ${REPORT_FORMAT_NAMES.join(',')}`, REPORT_FORMAT_NAMES.join(','))
    .option('--progress', 'show the progress bar even when stderr is not a terminal')
    .option('--no-seed', 'embedded mode: do not seed the demo into an empty store')
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when the command runs: help stays fast
    .action(async (options: ReportOptions) => (require('../actions/report') as typeof import('../actions/report')).report(options));
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
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when the command runs: help stays fast
    .action(async (file: string, options: { publicKey?: string; rebuild?: boolean }) => (require('../actions/report') as typeof import('../actions/report')).verifyReport(file, options));
}
