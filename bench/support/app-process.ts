import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root, whether this file runs from bench/ (swc) or from dist/bench/ (npm run bench). */
export function repositoryRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'nest-cli.json')) && existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no repository root above ${__dirname}`);
  }
}

// The command line `npm run relay|projector` uses (compiled build, production node settings).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serviceArgs } = require(path.join(repositoryRoot(), 'scripts/service-command')) as { serviceArgs: (service: string) => string[] };

/**
 * A service started the way operators run it in production: `npm run <service>`'s command line, the
 * compiled build with its node settings (see scripts/service-command.js); `npm run bench` builds
 * first. Compiling TypeScript at start-up (`@swc-node/register`) is a development convenience whose
 * compiler and caches would otherwise count in the measured memory.
 */
export class AppProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  private output = '';

  constructor(readonly name: string, env: Record<string, string>) {
    this.child = spawn(process.execPath, serviceArgs(name), {
      cwd: repositoryRoot(),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer): void => void (this.output = (this.output + chunk.toString()).slice(-20_000));
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** True once the output so far contains `text`; throws if the process has exited without it. */
  said(text: string): boolean {
    if (this.output.includes(text)) return true;
    if (!this.alive) throw new Error(`${this.name} exited (${this.child.exitCode ?? this.child.signalCode}) before saying ${text}:\n${this.tail()}`);
    return false;
  }

  /** True while it runs; throws with its last output once it has exited. */
  assertAlive(): true {
    if (!this.alive) throw new Error(`${this.name} exited (${this.child.exitCode ?? this.child.signalCode}):\n${this.tail()}`);
    return true;
  }

  /** The JSON log lines it wrote (the last 20,000 characters of its output) whose msg is `msg`, parsed. */
  logLines(msg: string): Array<Record<string, unknown>> {
    return this.output.split('\n').flatMap((line) => {
      if (!line.includes(`"msg":"${msg}"`)) return [];
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }

  /** The last lines it wrote, for error messages. */
  tail(): string {
    return this.output.split('\n').slice(-15).join('\n');
  }

  /** SIGTERM, then waits for the exit; SIGKILL if it has not exited after `graceMs`. */
  async stop(graceMs = 10_000): Promise<number | null> {
    if (!this.alive) return this.child.exitCode;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
