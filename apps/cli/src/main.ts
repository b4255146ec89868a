import 'reflect-metadata';
import { Command } from 'commander';
import { InvalidSettingsError } from '@recon/platform';
import { chainCommand } from './commands/chain.command';
import { ingestCommand } from './commands/ingest.command';
import { replayCommand } from './commands/replay.command';
import { reportCommand } from './commands/report.command';
import { startCommand } from './commands/start.command';
import { verifyCommand } from './commands/verify.command';
import { watchCommand } from './commands/watch.command';

/** `recon`: the operator's command line. Each sub-command lives in its own file under commands/. */
const program = new Command('recon').description('Custody reconciliation for tokenized securities').showHelpAfterError();
program.addCommand(startCommand());
program.addCommand(verifyCommand());
program.addCommand(ingestCommand());
program.addCommand(watchCommand());
program.addCommand(replayCommand());
program.addCommand(reportCommand());
program.addCommand(chainCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  // Configuration problems are the user's to fix: print the named settings, not a stack trace.
  console.error(error instanceof InvalidSettingsError ? error.message : error);
  process.exit(error instanceof InvalidSettingsError ? 2 : 1);
});
