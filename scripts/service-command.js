// The node command line of the long-running pipeline services (relay, projector, chain watcher), shared
// by `npm run relay|projector|chain-watcher` and the memory benchmark, so the benchmark measures
// exactly the process operators run.
const path = require('node:path');

const root = path.resolve(__dirname, '..');

// A fixed V8 heap budget. Each service's live data is small and bounded (one relay batch, one
// projector transaction of at most 2,000 events and the fact documents it touches; the projector runs
// 100,000 events within a 96 MB old space), but without a budget V8 sizes the heap from the machine's
// memory and lets garbage pile up to several times that before collecting. 192 MB is twice what the
// projector was seen to need, and keeps each process's peak resident memory near 200 MB.
const NODE_FLAGS = ['--max-old-space-size=192'];

const SERVICES = ['relay', 'projector', 'chain-watcher'];

function serviceArgs(service) {
  if (!SERVICES.includes(service)) throw new Error(`unknown service "${service}"; known: ${SERVICES.join(', ')}`);
  return [...NODE_FLAGS, '-r', path.join(__dirname, 'register-paths.js'), path.join(root, 'dist/apps', service, 'src/main.js')];
}

module.exports = { root, serviceArgs, SERVICES };
