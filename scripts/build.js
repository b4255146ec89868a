// Incremental TypeScript build into dist/; quick when nothing changed. Used by start and bench.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

function build() {
  const root = path.resolve(__dirname, '..');
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('Build failed: fix the TypeScript errors above.');
    process.exit(result.status ?? 1);
  }
}

module.exports = { build };
if (require.main === module) build();
