import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A fresh PGlite runs initdb inside its WebAssembly instance, and the memory that takes stays with
 * the process: about 600 MB resident against under 300 MB when the cluster is loaded from a tarball
 * of an initialized, empty data directory. So the embedded server loads such a template, which a
 * short-lived child process creates once per PGlite version (its peak memory goes away with it).
 */
const CHILD_SCRIPT = `
(async () => {
  const { PGlite } = require(process.env.RECON_PGLITE_MODULE);
  const fs = require('node:fs');
  const target = process.env.RECON_PGLITE_TEMPLATE;
  const db = await PGlite.create();
  const dump = await db.dumpDataDir('gzip');
  await db.close();
  const partial = target + '.' + process.pid + '.partial';
  fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(partial, target); // atomic: a concurrent reader sees no file or a whole one
})().catch((e) => { process.stderr.write(String((e && e.stack) || e) + '\\n'); process.exit(1); });
`;

function pgliteVersion(moduleEntry: string): string {
  for (let dir = path.dirname(moduleEntry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (name === '@electric-sql/pglite' && version) return version;
  }
  return 'unknown';
}

/** Path of the template tarball for the installed PGlite, created first if it does not exist. */
export async function ensureClusterTemplate(directory = tmpdir()): Promise<string> {
  const moduleEntry = require.resolve('@electric-sql/pglite');
  const target = path.join(directory, `recon-pglite-cluster-${pgliteVersion(moduleEntry)}.tgz`);
  if (existsSync(target)) return target;
  const child = spawn(process.execPath, ['-e', CHILD_SCRIPT], {
    env: { ...process.env, RECON_PGLITE_MODULE: moduleEntry, RECON_PGLITE_TEMPLATE: target },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0 || !existsSync(target)) throw new Error(`could not create the PGlite cluster template ${target}: ${stderr}`);
  return target;
}

/** A data directory that already holds a cluster (PGlite then skips initdb by itself). */
export function holdsCluster(dataDir: string | undefined): boolean {
  return dataDir !== undefined && existsSync(path.join(dataDir, 'PG_VERSION'));
}
