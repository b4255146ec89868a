// Starts a Hardhat node on a free 127.0.0.1 port for a test or a benchmark, and stops it on every
// way out: stop(), process exit, SIGINT and SIGTERM. Nothing here reaches the internet.
const { spawn } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const running = new Set();

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function answers(url) {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }) });
    return response.ok;
  } catch {
    return false;
  }
}

function stopAll() {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopAll();
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  });
}

/** { url, port, chainId, stop() } once the node answers JSON-RPC. */
async function startLocalNode({ chainId = 31337, timeoutMs = 60_000 } = {}) {
  const port = await freePort();
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'hardhat'), ['node', '--config', path.join(__dirname, 'hardhat.config.js'), '--hostname', '127.0.0.1', '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true', HARDHAT_CHAIN_ID: String(chainId) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-4000); });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  exited.then(() => running.delete(child));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + timeoutMs;
  while (!(await answers(url))) {
    if (child.exitCode !== null || Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`hardhat node (chain ${chainId}) did not start on port ${port}: ${stderr || `exit ${child.exitCode}`}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    port,
    chainId,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

module.exports = { startLocalNode, freePort };
