import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Docker from 'dockerode';
import type { DockerParameters } from '../../src/providers/docker';

/** The engine scripts/docker-engine.sh starts; HERD_TEST_DOCKER_HOST points the tests elsewhere. */
export const TEST_DOCKER_HOST = process.env.HERD_TEST_DOCKER_HOST ?? 'unix:///run/herd-docker.sock';
/** Built by scripts/docker-engine.sh with `docker import`: busybox-static with httpd, sh, wget, nc. */
export const TEST_IMAGE = 'herd/hadoop-sim:1';
/** Apt install on a fresh machine takes a while; a running engine answers at once. */
export const ENGINE_START_TIMEOUT_MS = 600_000;

export function testDockerParameters(extra: Partial<DockerParameters> = {}): DockerParameters {
  const url = new URL(TEST_DOCKER_HOST);
  if (url.protocol === 'unix:') return { socketPath: url.pathname, ...extra };
  return { host: url.hostname, port: Number(url.port || 2375), ...extra };
}

/** A raw dockerode client for what tests check behind the adapter's back (labels, kills, events). */
export function rawDocker(): Docker {
  const parameters = testDockerParameters();
  return parameters.socketPath ? new Docker({ socketPath: parameters.socketPath }) : new Docker({ host: parameters.host, port: parameters.port });
}

/** Starts the project's engine (and builds its images) unless something already answers on the socket. */
export async function ensureDockerEngine(): Promise<void> {
  try {
    await rawDocker().ping();
    if (process.env.HERD_TEST_DOCKER_HOST) return;
  } catch (error) {
    if (process.env.HERD_TEST_DOCKER_HOST) throw new Error(`No Docker engine answers at HERD_TEST_DOCKER_HOST=${TEST_DOCKER_HOST}`, { cause: error });
  }
  // Idempotent: a running engine is left alone; missing test images are built.
  execFileSync('bash', [engineScript()], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The script, found upwards from here: this file also runs compiled, from another directory. */
function engineScript(): string {
  for (let directory = __dirname; ; directory = dirname(directory)) {
    const candidate = join(directory, 'scripts', 'docker-engine.sh');
    if (existsSync(candidate)) return candidate;
    if (dirname(directory) === directory) throw new Error('scripts/docker-engine.sh not found above the test support directory');
  }
}

/** Image pulls the engine recorded between two instants (seconds since the epoch). */
export async function pullEvents(since: number, until: number): Promise<Array<{ id?: string; Action?: string }>> {
  const stream = (await rawDocker().getEvents({ since, until, filters: { type: ['image'], event: ['pull'] } })) as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
}
