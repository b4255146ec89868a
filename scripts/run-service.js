// `npm run relay|projector|chain-watcher`: builds, then runs the service from the compiled build with
// its production node settings (see service-command.js), forwarding termination signals.
const { spawn } = require('node:child_process');
const { build } = require('./build');
const { root, serviceArgs } = require('./service-command');

const args = serviceArgs(process.argv[2]);
build({ web: 'skip' });
const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
