import { Command } from 'commander';
import { loadSettings } from '@recon/platform';
import { openEventStore } from '../runtime/open-event-store';
import { position } from './audit-options';

/**
 * `recon verify`: recomputes the hash chain and names the first event that does not match.
 * Exit 0 when intact, 3 when tampering is found, so that a scheduler can alert on it.
 */
export function verifyCommand(): Command {
  return new Command('verify')
    .description('Verify the tamper-evident hash chain of the event store')
    .option('--from <position>', 'first global position to check')
    .option('--to <position>', 'last global position to check')
    .action(async (options: { from?: string; to?: string }) => {
      const runtime = await openEventStore(loadSettings());
      try {
        const result = await runtime.verify(options.from ? position(options.from, '--from') : undefined, options.to ? position(options.to, '--to') : undefined);
        if (result.ok) {
          console.log(`chain intact: ${result.checked} events checked, head at position ${result.head.position} (${result.head.hash})`);
          return;
        }
        const b = result.firstBroken;
        console.log(`chain BROKEN (${b.reason}) at position ${b.globalPosition}: stream ${b.streamId ?? '?'} version ${b.streamVersion ?? '?'} event ${b.eventId ?? '?'}`);
        console.log(`  ${b.detail}`);
        process.exitCode = 3;
      } finally {
        await runtime.close();
      }
    });
}
