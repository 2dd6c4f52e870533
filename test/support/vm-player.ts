import { execFile, spawn, spawnSync } from 'node:child_process';
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
  /** Scripts it registered to run at every boot, by name. */
  boot: Record<string, string>;
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
    const dockerCalls = recorder(bin, dir, 'docker', answerInspect('running'));
    const systemctlCalls = recorder(bin, dir, 'systemctl');
    writeFileSync(join(dir, 'user-data'), userData);
    const log = join(dir, 'node.log');
    const status = await new Promise<number | null>((resolve) => {
      execFile(
        'sh',
        [join(dir, 'user-data')],
        {
          env: {
            PATH: `${bin}:${process.env.PATH}`,
            HERD_ETC: join(dir, 'etc'),
            HERD_BOOT_DIR: join(dir, 'boot'),
            HERD_SYSTEMD_DIR: join(dir, 'etc', 'systemd'),
            HERD_LOG: log,
            HERD_HEALTH_LOOP: '0',
          },
          timeout: 60_000,
        },
        (error) => resolve(error ? ((error as { code?: number }).code ?? null) : 0),
      );
    });
    return {
      status,
      docker: dockerCalls(),
      systemctl: systemctlCalls(),
      files: filesUnder(join(dir, 'etc')),
      boot: filesUnder(join(dir, 'boot')),
      log: existsSync(log) ? readFileSync(log, 'utf8') : '',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A command on PATH that records its arguments (and runs `answer`); returns a reader of the calls. */
function recorder(bin: string, dir: string, name: string, answer = ''): () => string[][] {
  const calls = join(dir, `${name}-calls.jsonl`);
  writeFileSync(join(bin, name), `#!${process.execPath}\nconst fs=require('fs');fs.appendFileSync(${JSON.stringify(calls)}, JSON.stringify(process.argv.slice(2))+'\\n');\n${answer}\n`);
  chmodSync(join(bin, name), 0o755);
  return () => (existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]) : []);
}

/** What the recording `docker` prints for `docker inspect`: every container in that state. */
function answerInspect(containerStatus: string): string {
  return `if(process.argv[2]==='inspect')console.log(${JSON.stringify(containerStatus)});`;
}

/**
 * Plays a later boot of a VM that ran its user_data (`run`): its config files are back in place and
 * its containers are in `containerStatus`; every registered boot script runs. Returns a stop function
 * that ends whatever the boot scripts left running.
 */
export function bootVm(run: VmRun, containerStatus: string): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'herd-vm-boot-'));
  const bin = join(dir, 'bin');
  const etc = join(dir, 'etc');
  spawnSync('mkdir', ['-p', bin, etc]);
  recorder(bin, dir, 'docker', answerInspect(containerStatus));
  for (const [name, content] of Object.entries(run.files)) {
    spawnSync('mkdir', ['-p', join(etc, name, '..')]);
    writeFileSync(join(etc, name), content);
  }
  const script = Object.values(run.boot).map((content) => content.replace(/"[^"]*\/herd-report\.sh"/, `"${join(etc, 'herd-report.sh')}"`)).join('\n');
  // its own process group, so the reporter the boot script leaves behind can be stopped with it
  const boot = spawn('sh', ['-c', script], { env: { PATH: `${bin}:${process.env.PATH}` }, detached: true, stdio: 'ignore' });
  return () => {
    try {
      process.kill(-boot.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

function filesUnder(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  if (!existsSync(root)) return files;
  const found = spawnSync('find', [root, '-type', 'f'], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
  for (const f of found) files[f.slice(root.length + 1)] = readFileSync(f, 'utf8');
  return files;
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
