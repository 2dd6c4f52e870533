import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { freePort } from './redis-server';

export const SENTINEL_MASTER_NAME = 'herd-master';

interface Options {
  /** `requirepass` of the master and the replica (and what the Sentinels authenticate with). */
  password: string;
  /** `requirepass` of the Sentinels themselves. */
  sentinelPassword: string;
}

/**
 * A Sentinel-managed Redis of the test's own on loopback ports: a master, one replica and three
 * Sentinels (quorum 2) that promote the replica about a second after the master stops answering.
 */
export class TestRedisSentinel {
  private readonly processes = new Map<number, ChildProcess>();

  private constructor(
    readonly masterPort: number,
    readonly replicaPort: number,
    readonly sentinelPorts: number[],
    private readonly dir: string,
    private readonly options: Options,
  ) {}

  static async start(options: Options): Promise<TestRedisSentinel> {
    const dir = mkdtempSync(join(tmpdir(), 'herd-redis-sentinel-'));
    const [masterPort, replicaPort, ...sentinelPorts] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
    const sentinel = new TestRedisSentinel(masterPort, replicaPort, sentinelPorts, dir, options);
    try {
      sentinel.spawnServer(masterPort, []);
      await answering(masterPort, options.password);
      sentinel.spawnServer(replicaPort, ['--replicaof', '127.0.0.1', String(masterPort)]);
      await answering(replicaPort, options.password);
      await sentinel.replicaInSync();
      for (const port of sentinelPorts) sentinel.spawnSentinel(port);
      for (const port of sentinelPorts) await answering(port, options.sentinelPassword);
      await sentinel.sentinelsSeeEachOther();
    } catch (error) {
      await sentinel.stop();
      throw error;
    }
    return sentinel;
  }

  /** The value of HERD_REDIS_SENTINELS. */
  get sentinels(): string {
    return this.sentinelPorts.map((port) => `127.0.0.1:${port}`).join(',');
  }

  /** The port the Sentinels name as the master now. */
  async currentMasterPort(): Promise<number> {
    const sentinel = this.client(this.sentinelPorts[0], this.options.sentinelPassword);
    try {
      const [, port] = (await sentinel.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', SENTINEL_MASTER_NAME)) as [string, string];
      return Number(port);
    } finally {
      sentinel.disconnect();
    }
  }

  /** SIGKILL of the master's process: the Sentinels must promote the replica. */
  async killMaster(): Promise<number> {
    const port = await this.currentMasterPort();
    const running = this.processes.get(port);
    if (running && running.exitCode === null) {
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    }
    return port;
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.processes.values()].map((process) => {
        if (process.exitCode !== null || process.signalCode !== null) return undefined;
        const exited = new Promise((resolve) => process.once('exit', resolve));
        process.kill('SIGKILL');
        return exited;
      }),
    );
    rmSync(this.dir, { recursive: true, force: true });
  }

  private spawnServer(port: number, extra: string[]): void {
    const auth = ['--requirepass', this.options.password, '--masterauth', this.options.password];
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir, '--dbfilename', `dump-${port}.rdb`, ...auth, ...extra];
    this.processes.set(port, spawn('redis-server', args, { stdio: 'ignore' }));
  }

  private spawnSentinel(port: number): void {
    const file = join(this.dir, `sentinel-${port}.conf`);
    writeFileSync(
      file,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${this.dir}`,
        `requirepass ${this.options.sentinelPassword}`,
        `sentinel sentinel-pass ${this.options.sentinelPassword}`,
        `sentinel monitor ${SENTINEL_MASTER_NAME} 127.0.0.1 ${this.masterPort} 2`,
        `sentinel auth-pass ${SENTINEL_MASTER_NAME} ${this.options.password}`,
        `sentinel down-after-milliseconds ${SENTINEL_MASTER_NAME} 1000`,
        `sentinel failover-timeout ${SENTINEL_MASTER_NAME} 5000`,
        '',
      ].join('\n'),
    );
    this.processes.set(port, spawn('redis-server', [file, '--sentinel'], { stdio: 'ignore' }));
  }

  private async replicaInSync(): Promise<void> {
    const replica = this.client(this.replicaPort, this.options.password);
    try {
      await poll('the replica in sync', async () => /master_link_status:up/.test(await replica.info('replication')));
    } finally {
      replica.disconnect();
    }
  }

  private async sentinelsSeeEachOther(): Promise<void> {
    const sentinel = this.client(this.sentinelPorts[0], this.options.sentinelPassword);
    try {
      await poll('the Sentinels to find each other and the replica', async () => {
        const [master] = (await sentinel.call('SENTINEL', 'MASTERS')) as string[][];
        const field = (name: string) => Number(master[master.indexOf(name) + 1]);
        return field('num-other-sentinels') === this.sentinelPorts.length - 1 && field('num-slaves') === 1;
      });
    } finally {
      sentinel.disconnect();
    }
  }

  private client(port: number, password: string): Redis {
    const client = new Redis({ host: '127.0.0.1', port, password, maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    return client;
  }
}

async function poll(what: string, done: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function answering(port: number, password: string): Promise<void> {
  const probe = new Redis({ host: '127.0.0.1', port, password, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  probe.on('error', () => undefined);
  try {
    await poll(`redis on port ${port}`, async () => (await probe.ping()) === 'PONG', 20_000);
  } finally {
    probe.disconnect();
  }
}
