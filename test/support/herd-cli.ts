import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const HERD_BIN = join(ROOT, 'bin', 'herd.js');

export interface HerdCliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `bin/herd.js` once so that it builds dist/ when stale; its stdout must hold the version alone. */
export function buildHerdCli(): string {
  return execFileSync(process.execPath, [HERD_BIN, '--version'], { cwd: ROOT, env: cleanEnvironment({}), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 240_000 });
}

/**
 * The real `herd` binary as a user runs it, in a child process with an environment of its own:
 * nothing of the test's own HERD_* or OS_* variables leaks in, and its config lives in `home`.
 */
export class HerdCli {
  readonly home = mkdtempSync(join(tmpdir(), 'herd-cli-'));

  constructor(private readonly env: Record<string, string> = {}) {}

  get configPath(): string {
    return join(this.home, 'config', 'herd', 'config.yaml');
  }

  private environment(env: Record<string, string>): Record<string, string> {
    return cleanEnvironment({ HOME: this.home, XDG_CONFIG_HOME: join(this.home, 'config'), ...this.env, ...env });
  }

  run(args: string[], env: Record<string, string> = {}): Promise<HerdCliResult> {
    return new Promise((resolve, reject) => {
      execFile(process.execPath, [HERD_BIN, ...args], { cwd: ROOT, env: this.environment(env), timeout: 120_000 }, (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      });
    });
  }

  /** Runs and expects exit 0, showing stderr when not. */
  async ok(args: string[], env: Record<string, string> = {}): Promise<HerdCliResult> {
    const result = await this.run(args, env);
    if (result.code !== 0) throw new Error(`herd ${args.join(' ')} exited ${result.code}:\n${result.stderr}\n${result.stdout}`);
    return result;
  }

  /** Runs with `-o json` and answers the parsed stdout. */
  async json<T = any>(args: string[], env: Record<string, string> = {}): Promise<T> {
    return JSON.parse((await this.ok(['-o', 'json', ...args], env)).stdout) as T;
  }

  /** A command that runs until stopped (`events --follow`); its stdout so far is at hand. */
  start(args: string[]): RunningHerdCli {
    const child = spawn(process.execPath, [HERD_BIN, ...args], { cwd: ROOT, env: this.environment({}), stdio: ['ignore', 'pipe', 'pipe'] });
    return new RunningHerdCli(child);
  }

  remove(): void {
    rmSync(this.home, { recursive: true, force: true });
  }
}

function cleanEnvironment(extra: Record<string, string>): Record<string, string> {
  const kept = Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined && !/^(HERD_|OS_|XDG_CONFIG_HOME$|NO_COLOR$)/.test(entry[0]));
  return { ...Object.fromEntries(kept), ...extra };
}

export class RunningHerdCli {
  private stdout = '';
  private readonly exited: Promise<void>;

  constructor(private readonly child: ChildProcess) {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
    });
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** Resolves once stdout holds a match, rejects if the command exits before. */
  async waitForOutput(pattern: RegExp): Promise<string> {
    for (;;) {
      if (pattern.test(this.stdout)) return this.stdout;
      const exited = await Promise.race([this.exited.then(() => true), new Promise<boolean>((resolve) => this.child.stdout?.once('data', () => resolve(false)))]);
      if (exited && !pattern.test(this.stdout)) throw new Error(`herd exited before printing ${pattern}:\n${this.stdout}`);
    }
  }

  async stop(): Promise<void> {
    this.child.kill('SIGTERM');
    await this.exited;
  }
}
