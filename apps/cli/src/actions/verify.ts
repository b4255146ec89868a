import { loadSettings } from '@recon/platform';
import { openEventStore } from '../runtime/open-event-store';
import { position } from '../commands/audit-options';

/** What `recon verify` does; loaded only when that command runs. */
export async function verify(options: { from?: string; to?: string }): Promise<void> {
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
}
