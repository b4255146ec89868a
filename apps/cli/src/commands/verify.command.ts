import { Command } from 'commander';

/**
 * `recon verify`: recomputes the hash chain and names the first event that does not match.
 * Exit 0 when intact, 3 when tampering is found, so that a scheduler can alert on it.
 */
export function verifyCommand(): Command {
  return new Command('verify')
    .description('Verify the tamper-evident hash chain of the event store')
    .option('--from <position>', 'first global position to check')
    .option('--to <position>', 'last global position to check')
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when the command runs: help stays fast
    .action(async (options: { from?: string; to?: string }) => (require('../actions/verify') as typeof import('../actions/verify')).verify(options));
}
