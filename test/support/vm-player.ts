import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface VmRun {
  status: number | null;
  /** argv of every `docker` call the script made. */
  docker: string[][];
  /** argv of every `systemctl` call (recorded, never run: the script must not touch the test machine's services). */
  systemctl: string[][];
  /** Files the script wrote under its config directory, by relative path. */
  files: Record<string, string>;
  log: string;
}

/**
 * Plays a VM booting from user_data: runs the script with `sh` and a `docker` on PATH that records its
 * arguments (and reports every container running) and a recording `systemctl`; systemd drop-ins land under
 * the config directory; curl is the real one, so callbacks reach their URL.
 */
export async function playVm(userData: string): Promise<VmRun> {
  const dir = mkdtempSync(join(tmpdir(), 'herd-vm-'));
  try {
    const bin = join(dir, 'bin');
    spawnSync('mkdir', ['-p', bin, join(dir, 'etc')]);
    const recorder = (name: string, answer = '') => {
      const calls = join(dir, `${name}-calls.jsonl`);
      writeFileSync(join(bin, name), `#!${process.execPath}\nconst fs=require('fs');fs.appendFileSync(${JSON.stringify(calls)}, JSON.stringify(process.argv.slice(2))+'\\n');\n${answer}\n`);
      chmodSync(join(bin, name), 0o755);
      return () => (existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]) : []);
    };
    const dockerCalls = recorder('docker', "if(process.argv[2]==='inspect')console.log('running');");
    const systemctlCalls = recorder('systemctl');
    writeFileSync(join(dir, 'user-data'), userData);
    const log = join(dir, 'node.log');
    const status = await new Promise<number | null>((resolve) => {
      execFile(
        'sh',
        [join(dir, 'user-data')],
        {
          env: { PATH: `${bin}:${process.env.PATH}`, HERD_ETC: join(dir, 'etc'), HERD_SYSTEMD_DIR: join(dir, 'etc', 'systemd'), HERD_LOG: log, HERD_HEALTH_LOOP: '0' },
          timeout: 60_000,
        },
        (error) => resolve(error ? ((error as { code?: number }).code ?? null) : 0),
      );
    });
    const docker = dockerCalls();
    const systemctl = systemctlCalls();
    const files: Record<string, string> = {};
    const found = spawnSync('find', [join(dir, 'etc'), '-type', 'f'], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
    for (const f of found) files[f.slice(join(dir, 'etc').length + 1)] = readFileSync(f, 'utf8');
    return { status, docker, systemctl, files, log: existsSync(log) ? readFileSync(log, 'utf8') : '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface CallbackRecorder {
  url: string;
  calls: { auth?: string; body: string }[];
  close(): void;
}

/** A local HTTP endpoint that records what a VM's callbacks send (204 to each). */
export async function startCallbackRecorder(): Promise<CallbackRecorder> {
  const calls: CallbackRecorder['calls'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      calls.push({ auth: req.headers.authorization, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/node-callbacks`, calls, close: () => server.close() };
}
