// `npm run bench [-- <name-prefix>]`: builds, then runs the benchmarks (JSON lines on stdout).
const { spawn } = require('node:child_process');
const path = require('node:path');
const { build } = require('./build');

build();
const root = path.resolve(__dirname, '..');
const child = spawn(
  process.execPath,
  ['--expose-gc', '-r', path.join(__dirname, 'register-paths.js'), path.join(root, 'dist/bench/run.js'), ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
