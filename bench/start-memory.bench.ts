import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { BenchResult, peakRssMbOf } from './support/measure';


const root = path.resolve(__dirname, '..', '..');
// The benchmark runs compiled from dist/bench; the command line is the one `npm start` uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serverArgs } = require(path.join(root, 'scripts/server-command')) as { serverArgs: (cliArgs: string[]) => string[] };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Peak resident memory of the embedded `recon start` after it has seeded the demo and answered. */
export async function run(): Promise<BenchResult[]> {
  const port = await freePort();
  const child = spawn(process.execPath, serverArgs(['start', '--port', String(port)]), {
    cwd: root,
    env: { ...process.env, RECON_MODE: 'embedded', EVENT_STORE: 'pglite' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('recon is running')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`recon start exited with ${code} before it was ready`)));
    });
    const response = await fetch(`http://127.0.0.1:${port}/streams/asset-bAAPL`, { headers: { 'X-API-Key': 'dev-auditor-key-00000' } });
    if (!response.ok) throw new Error(`authenticated request failed: ${response.status}`);
    const peakRssMb = await peakRssMbOf(child.pid!);
    return [{ bench: 'start.embedded.memory', unit: 'MB', value: peakRssMb, target: 400, peakRssMb, note: 'peak RSS of npm start (PGlite, demo seeded) after an authenticated request' }];
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}
