// The node command line of `recon start`, shared by `npm start` and the start-memory benchmark so the
// benchmark measures exactly the process users run.
const path = require('node:path');

const root = path.resolve(__dirname, '..');

// PGlite's WebAssembly is the bulk of the embedded process. V8's optimizing tier would compile it a
// second time (about 100 MB more resident); the baseline compiler alone keeps the embedded process
// under 400 MB for a modest cost in query speed, which a demo and development setup can afford.
const NODE_FLAGS = ['--liftoff-only'];

function serverArgs(cliArgs) {
  return [...NODE_FLAGS, '-r', path.join(__dirname, 'register-paths.js'), path.join(root, 'dist/apps/cli/src/main.js'), ...cliArgs];
}

module.exports = { root, serverArgs };
