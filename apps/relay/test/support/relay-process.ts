import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** A relay process started the way operators (and `npm` scripts) start it in development. */
export class RelayProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr = '';
  private relayingSeen = false;
  private readonly relayingWaiters: (() => void)[] = [];

  private constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/relay/src/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (chunk: string) => {
      this.stderr += chunk;
      if (this.stderr.length > 200_000) this.stderr = this.stderr.slice(-100_000);
      if (!this.relayingSeen && chunk.includes('"msg":"relaying"')) {
        this.relayingSeen = true;
        for (const wake of this.relayingWaiters.splice(0)) wake();
      }
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
    RelayProcess.all.add(this);
    void this.exited.then(() => RelayProcess.all.delete(this));
  }

  /** Every relay process still alive, so `afterAll` can kill them even when a test failed. */
  static readonly all = new Set<RelayProcess>();

  static start(env: Record<string, string>): RelayProcess {
    return new RelayProcess(env);
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once the process logged that it is relaying, false if it exited first. */
  relaying(): Promise<boolean> {
    if (this.relayingSeen) return Promise.resolve(true);
    return Promise.race([new Promise<boolean>((resolve) => this.relayingWaiters.push(() => resolve(true))), this.exited.then(() => this.relayingSeen)]);
  }

  async kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.alive) this.child.kill(signal);
    return this.exited;
  }

  static async killAll(): Promise<void> {
    await Promise.all([...RelayProcess.all].map((p) => p.kill('SIGKILL')));
  }
}
