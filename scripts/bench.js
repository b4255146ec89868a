// `npm run -s bench [-- <name-prefix>]`: builds, then runs the benchmarks. Standard output carries only
// their JSON lines (-s keeps npm's banner off; the build writes to standard error).
const { spawn } = require('node:child_process');
const path = require('node:path');
const { build } = require('./build');

build({ toStderr: true });
const root = path.resolve(__dirname, '..');
const child = spawn(
  process.execPath,
  ['--expose-gc', '-r', path.join(__dirname, 'register-paths.js'), path.join(root, 'dist/bench/run.js'), ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
