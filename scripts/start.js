// `npm start`: builds (the web application too when dist/web is missing or older than its sources), then
// runs `recon start` (embedded by default: PGlite, no database server).
const { spawn } = require('node:child_process');
const { build } = require('./build');
const { root, serverArgs } = require('./server-command');

build();
const child = spawn(process.execPath, serverArgs(['start', ...process.argv.slice(2)]), { cwd: root, stdio: 'inherit' });
// Forward Ctrl-C and termination so the server shuts down cleanly and nothing is left running.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
