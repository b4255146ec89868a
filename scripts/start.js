// `npm start`: builds, then runs `recon start` (embedded by default: PGlite, no database server).
const { spawn } = require('node:child_process');
const path = require('node:path');
const { build } = require('./build');

build();
const root = path.resolve(__dirname, '..');
const child = spawn(
  process.execPath,
  ['-r', path.join(__dirname, 'register-paths.js'), path.join(root, 'dist/apps/cli/src/main.js'), 'start', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
// Forward Ctrl-C and termination so the server shuts down cleanly and nothing is left running.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
