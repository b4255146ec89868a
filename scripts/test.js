// `npm test`: type check, lint, then every jest project against real services. It starts what the
// tests need (PostgreSQL if it is down, the Kafka broker once Kafka tests exist) and stops what it
// started, on success, failure and interruption alike.
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');
const services = require('./test-services');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function step(title, command, args) {
  console.error(`\n== ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${title} failed`);
}

async function main() {
  step('type check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
  step('type check (web application)', bin('tsc'), ['-p', 'apps/web/tsconfig.json']);
  step('lint (architecture rules included)', bin('eslint'), ['apps', 'libs', 'bench', 'tools']);
  await services.start();
  const env = { ...process.env, ...services.env() };
  const extra = process.argv.slice(2);
  return runJest(['--maxWorkers=2', ...extra], env);
}

let current;
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => current?.kill(signal));

/** Runs jest; --forceExit because a failed test can leave a keep-alive socket open, and CI must end either way. */
function runJest(args, env) {
  const jestArgs = ['--ci', '--forceExit', ...args];
  console.error(`\n== jest ${jestArgs.join(' ')}`);
  current = spawn(bin('jest'), jestArgs, { cwd: root, stdio: 'inherit', env });
  return new Promise((resolve) => current.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

main()
  .catch((error) => {
    console.error(error.message);
    return 1;
  })
  .then(async (code) => {
    await services.stop();
    process.exit(code);
  });
