import { ChildProcess, spawn } from 'node:child_process';

/**
 * PGlite loads its WebAssembly and a few Node built-ins through dynamic `import()`, which fails
 * inside Jest's module VM unless Node runs with --experimental-vm-modules. Running PGlite and the
 * socket server in a plain child Node process sidesteps that (and keeps PGlite's memory and CPU
 * off the caller's event loop). The parent only speaks the wire protocol through `pg`.
 */
const CHILD_SCRIPT = `
(async () => {
  const cfg = JSON.parse(process.env.RECON_PGLITE_CONFIG);
  const { PGlite } = require(cfg.pglite);
  const { PGLiteSocketServer } = require(cfg.socket);
  const db = cfg.dataDir ? await PGlite.create(cfg.dataDir) : await PGlite.create();
  const server = new PGLiteSocketServer({ db, host: cfg.host, port: cfg.port, maxConnections: cfg.maxConnections });
  await server.start();
  process.stdout.write(JSON.stringify({ ready: server.getServerConn() }) + '\\n');
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    try { await server.stop(); await db.close(); } finally { process.exit(0); }
  };
  process.stdin.on('data', (d) => { if (String(d).includes('close')) shutdown(); });
  process.stdin.on('end', shutdown);
  process.on('SIGTERM', shutdown);
})().catch((e) => { process.stderr.write(String((e && e.stack) || e) + '\\n'); process.exit(1); });
`;

export interface PgliteChild {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startPgliteChildProcess(options: {
  dataDir?: string;
  host: string;
  port: number;
  maxConnections: number;
  startTimeoutMs?: number;
}): Promise<PgliteChild> {
  const config = {
    pglite: require.resolve('@electric-sql/pglite'),
    socket: require.resolve('@electric-sql/pglite-socket'),
    dataDir: options.dataDir,
    host: options.host,
    port: options.port,
    maxConnections: options.maxConnections,
  };
  const child = spawn(process.execPath, ['-e', CHILD_SCRIPT], {
    env: { ...process.env, RECON_PGLITE_CONFIG: JSON.stringify(config) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));

  const conn = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`PGlite child process did not start in time. ${stderr}`)), options.startTimeoutMs ?? 60_000);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"ready"'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { ready: string }).ready);
      }
    });
    child.once('exit', (code) => fail(new Error(`PGlite child process exited with code ${code}: ${stderr}`)));
    child.once('error', fail);
  });
  const [, host, port] = /^(.*):(\d+)$/.exec(conn) ?? [];
  let closing: Promise<void> | undefined;
  return {
    host,
    port: Number(port),
    close: () =>
      (closing ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.stdin!.end('close\n');
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        }
        destroyPipes(child);
      })()),
  };
}

function destroyPipes(child: ChildProcess): void {
  child.stdin?.destroy();
  child.stdout?.destroy();
  child.stderr?.destroy();
}
