// Incremental TypeScript build into dist/ (quick when nothing changed), then the web application
// into dist/web. `npm run build` builds the web app always; start and bench only when it is stale.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { buildWeb } = require('./build-web');

// `toStderr`: the compilers' output goes to standard error (npm run bench keeps standard output for its JSON lines).
function build({ web = 'if-stale', toStderr = false } = {}) {
  const root = path.resolve(__dirname, '..');
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: toStderr ? ['inherit', 2, 2] : 'inherit' });
  if (result.status !== 0) {
    console.error('Build failed: fix the TypeScript errors above.');
    process.exit(result.status ?? 1);
  }
  if (web !== 'skip') buildWeb({ ifStale: web === 'if-stale', toStderr });
}

module.exports = { build };
if (require.main === module) build({ web: 'always' });
