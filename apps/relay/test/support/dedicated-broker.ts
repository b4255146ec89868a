import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './relay-process';

const KAFKA_SH = path.join(REPO_ROOT, 'infra/kafka/kafka.sh');

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 20000);
    if ((await portFree(port)) && (await portFree(port + 1))) return port;
  }
  throw new Error('no free port pair for a dedicated Kafka broker');
}

/**
 * A Kafka broker of its own (infra/kafka/kafka.sh with its own KAFKA_PORT and KAFKA_CACHE_DIR), for
 * a test that stops and starts the broker: stopping the shared one would break the tests that run
 * beside it (jest runs files in parallel) and anyone else using it. The jars are shared (symlink).
 */
export class DedicatedBroker {
  private constructor(
    readonly port: number,
    readonly cacheDir: string,
  ) {}

  get brokers(): string[] {
    return [`127.0.0.1:${this.port}`];
  }

  static async create(): Promise<DedicatedBroker> {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'relay-outage-kafka-'));
    const sharedLibs = path.join(REPO_ROOT, '.cache/kafka/libs');
    if (existsSync(path.join(sharedLibs, '.fingerprint'))) symlinkSync(sharedLibs, path.join(cacheDir, 'libs'));
    return new DedicatedBroker(await freePortPair(), cacheDir);
  }

  start(): Promise<void> {
    return this.kafkaSh('start');
  }

  stop(): Promise<void> {
    return this.kafkaSh('stop');
  }

  /** Stops the broker (if running) and removes its data. */
  async destroy(): Promise<void> {
    try {
      await this.stop();
    } finally {
      rmSync(this.cacheDir, { recursive: true, force: true });
    }
  }

  private kafkaSh(command: 'start' | 'stop'): Promise<void> {
    return new Promise((resolve, reject) => {
      let output = '';
      const child = spawn('bash', [KAFKA_SH, command], {
        cwd: REPO_ROOT,
        env: { ...process.env, KAFKA_PORT: String(this.port), KAFKA_CACHE_DIR: this.cacheDir, KAFKA_HEAP_OPTS: '-Xms128m -Xmx384m', KAFKA_STOP_TIMEOUT_S: '20' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`kafka.sh ${command} (port ${this.port}) failed with ${code}:\n${output}`))));
    });
  }
}
