import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const COMMANDS = ['start', 'verify', 'ingest', 'watch', 'replay', 'report', 'chain'];

describe('recon --help', () => {
  it('answers through the package bin (what `npx recon --help` runs), listing every command', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/recon.js'), '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const command of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('loads no command action, nor the API, reports, chain or ingestion libraries, to answer', () => {
    // The loaded module list at exit names what help cost; an action module there means it is eager again.
    const probe = `
      process.argv = [process.argv[0], 'recon', '--help'];
      process.on('exit', () => {
        const loaded = Object.keys(require.cache).filter((file) => /cli[\\\\/]src[\\\\/]actions|libs[\\\\/](http-api|reports|chain|ingestion|read-models)[\\\\/]|@nestjs[\\\\/]core/.test(file));
        require('node:fs').writeSync(2, JSON.stringify(loaded));
      });
      require('@swc-node/register');
      require(${JSON.stringify(path.join(ROOT, 'apps/cli/src/main.ts'))});
    `;
    const run = spawnSync(process.execPath, ['-e', probe], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SWC_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') } });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stderr)).toEqual([]);
  });
});
