import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { freePort } from './redis-server';

const run = promisify(execFile);

/** A Redis Cluster of the test's own: `masters` redis-servers on loopback ports, no replicas, no persistence. */
export class TestRedisCluster {
  private constructor(
    readonly ports: number[],
    private readonly processes: ChildProcess[],
    private readonly dir: string,
  ) {}

  static async start(masters = 3): Promise<TestRedisCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'herd-redis-cluster-'));
    const ports: number[] = [];
    for (let i = 0; i < masters; i++) ports.push(await freePort());
    const processes = ports.map((port) =>
      spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${port}.conf`), '--cluster-node-timeout', '2000'],
        { stdio: 'ignore' },
      ),
    );
    const cluster = new TestRedisCluster(ports, processes, dir);
    try {
      for (const port of ports) await answering(port);
      await run('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes'], { timeout: 30_000 });
      for (const port of ports) await clusterStateOk(port);
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** The value of HERD_REDIS_CLUSTER_NODES for this cluster. */
  get seeds(): string {
    return this.ports.map((port) => `127.0.0.1:${port}`).join(',');
  }

  /** A plain connection to one node, for CLUSTER commands that need no routing. */
  node(index = 0): Redis {
    return new Redis({ host: '127.0.0.1', port: this.ports[index], lazyConnect: false, maxRetriesPerRequest: 1 });
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.processes.map((process) => {
        if (process.exitCode !== null || process.signalCode !== null) return undefined;
        const exited = new Promise((resolve) => process.once('exit', resolve));
        process.kill('SIGKILL');
        return exited;
      }),
    );
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function answering(port: number): Promise<void> {
  const probe = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  probe.on('error', () => undefined);
  const deadline = Date.now() + 20_000;
  try {
    for (;;) {
      try {
        if ((await probe.ping()) === 'PONG') return;
      } catch {
        if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    probe.disconnect();
  }
}

async function clusterStateOk(port: number): Promise<void> {
  const probe = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1 });
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      const info = await probe.cluster('INFO');
      if (/cluster_state:ok/.test(String(info))) return;
      if (Date.now() > deadline) throw new Error(`the Redis Cluster on port ${port} did not reach cluster_state:ok:\n${info}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    probe.disconnect();
  }
}
