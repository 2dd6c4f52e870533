import type Docker from 'dockerode';
import type { DockerClient } from './docker.client';
import { forEachBounded } from './docker.concurrency';
import { HEALTH_PATH_LABEL, componentEndpoint } from './docker.endpoints';
import { LABEL } from './docker.labels';

/**
 * How long a running component may stay silent on its health endpoint before herd calls it
 * failed: JVM daemons that start side by side on a small host take a while to open their port.
 */
export const HEALTH_GRACE_MS = 300_000;
const PROBE_TIMEOUT_MS = 3_000;
const PROBE_CONCURRENCY = 8;

/** What one HTTP probe of a running component found. */
export type HealthProbe = { answering: true } | { answering: false; withinGrace: boolean; reason: string };

/**
 * Asks each running component's own web endpoint (NameNode `/jmx`, ResourceManager `/ws/v1/...`)
 * whether it answers, from herd's side: one HTTP request per component and describe, instead of a
 * process the engine would exec in every container every few seconds. Any HTTP answer below 500
 * counts: the daemon's server is up. Silent components are inspected for their start time.
 */
export async function probeComponents(client: DockerClient, containers: Docker.ContainerInfo[], network: string, now = Date.now()): Promise<Map<string, HealthProbe>> {
  const sandboxes = new Map(containers.filter((c) => c.Labels[LABEL.role] === 'node').map((c) => [c.Labels[LABEL.node], c]));
  const probes = new Map<string, HealthProbe>();
  const targets = containers.filter((c) => c.Labels[LABEL.role] === 'component' && c.State === 'running' && c.Labels[HEALTH_PATH_LABEL]);
  await forEachBounded(targets, PROBE_CONCURRENCY, async (container) => {
    const sandbox = sandboxes.get(container.Labels[LABEL.node]);
    const base = componentEndpoint(container, sandbox, sandbox?.NetworkSettings?.Networks?.[network]?.IPAddress || undefined);
    const url = base ? `${base}${container.Labels[HEALTH_PATH_LABEL]}` : undefined;
    if (url && (await answers(url))) {
      probes.set(container.Id, { answering: true });
      return;
    }
    const startedAt = await startTime(client, container);
    const silentFor = startedAt === undefined ? 0 : Math.max(0, now - startedAt);
    probes.set(container.Id, {
      answering: false,
      withinGrace: silentFor < HEALTH_GRACE_MS,
      reason: url ? `no answer from ${url} for ${Math.round(silentFor / 1000)} s` : 'no address to probe its health endpoint on',
    });
  });
  return probes;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.status < 500;
  } catch {
    return false;
  }
}

async function startTime(client: DockerClient, container: Docker.ContainerInfo): Promise<number | undefined> {
  try {
    const started = Date.parse((await client.inspectContainer(container.Id)).State.StartedAt);
    return Number.isNaN(started) ? undefined : started;
  } catch {
    return undefined;
  }
}
