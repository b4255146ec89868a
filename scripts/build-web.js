// Builds the web application (apps/web) into dist/web: its own type check (DOM types, JSX), then
// Vite's production bundle. `--if-stale` skips the work when dist/web is newer than every source file,
// which is what `npm start` and the browser tests use.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const webDir = path.join(root, 'apps/web');
const builtIndex = path.join(root, 'dist/web/index.html');

/** Newest modification time under the web sources (and the pure domain lists they import). */
function newestSource() {
  let newest = 0;
  const visit = (entry) => {
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(entry)) if (name !== 'test' && name !== 'node_modules') visit(path.join(entry, name));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  visit(webDir);
  visit(path.join(root, 'libs/domain/src/exception'));
  return newest;
}

function isStale() {
  return !fs.existsSync(builtIndex) || fs.statSync(builtIndex).mtimeMs < newestSource();
}

function run(args, what, toStderr = false) {
  // Always the production bundle: under jest NODE_ENV is "test", which would give React's development build.
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: toStderr ? ['inherit', 2, 2] : 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) {
    console.error(`Web build failed: ${what}.`);
    process.exit(result.status ?? 1);
  }
}

function buildWeb({ ifStale = false, toStderr = false } = {}) {
  if (ifStale && !isStale()) return false;
  run([require.resolve('typescript/bin/tsc'), '-p', path.join(webDir, 'tsconfig.json')], 'fix the TypeScript errors above', toStderr);
  run([path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', path.join(webDir, 'vite.config.mjs')], 'see the Vite errors above', toStderr);
  return true;
}

module.exports = { buildWeb, isStale };
if (require.main === module) buildWeb({ ifStale: process.argv.includes('--if-stale') });
