import type Docker from 'dockerode';
import type { DockerClient } from './docker.client';
import { forEachBounded } from '../../common/scheduling';
import { HEALTH_PATH_LABEL, componentEndpoint } from './docker.endpoints';
import { LABEL } from './docker.labels';

/**
 * How long a running component may stay silent on its health endpoint before herd calls it
 * failed: JVM daemons that start side by side on a small host take a while to open their port.
 */
export const HEALTH_GRACE_MS = 300_000;
/** As long as the Hadoop web probes of the verifier: a JVM busy starting on a loaded host answers late. */
const PROBE_TIMEOUT_MS = 5_000;
const PROBE_CONCURRENCY = 8;

/** What one HTTP probe of a running component found. */
export type HealthProbe = { answering: true } | { answering: false; withinGrace: boolean; reason: string };

/**
 * Asks each running component's own web endpoint (NameNode `/jmx`, ResourceManager `/ws/v1/...`)
 * whether it answers, from herd's side: one HTTP request per component and describe, instead of a
 * process the engine would exec in every container every few seconds. Any HTTP answer below 500
 * counts: the daemon's server is up. A silent component is inspected for its start time only when
 * the engine's status text does not already say it started less than five minutes ago.
 */
export async function probeComponents(client: DockerClient, containers: Docker.ContainerInfo[], network: string, now = Date.now()): Promise<Map<string, HealthProbe>> {
  const sandboxes = new Map(containers.filter((c) => c.Labels[LABEL.role] === 'node').map((c) => [c.Labels[LABEL.node], c]));
  const probes = new Map<string, HealthProbe>();
  const targets = containers.filter((c) => c.Labels[LABEL.role] === 'component' && c.State === 'running' && c.Labels[HEALTH_PATH_LABEL]);
  await forEachBounded(targets, PROBE_CONCURRENCY, async (container) => {
    const sandbox = sandboxes.get(container.Labels[LABEL.node]);
    const base = componentEndpoint(container, sandbox, sandbox?.NetworkSettings?.Networks?.[network]?.IPAddress || undefined);
    const url = base ? `${base}${container.Labels[HEALTH_PATH_LABEL]}` : undefined;
    if (url && (await endpointAnswers(url))) {
      probes.set(container.Id, { answering: true });
      return;
    }
    const startedAt = recentlyStarted(container.Status) ? undefined : await startTime(client, container);
    const silentFor = startedAt === undefined ? 0 : Math.max(0, now - startedAt);
    probes.set(container.Id, {
      answering: false,
      withinGrace: silentFor < HEALTH_GRACE_MS,
      reason: url ? `no answer from ${url} for ${Math.round(silentFor / 1000)} s` : 'no address to probe its health endpoint on',
    });
  });
  return probes;
}

/** herd's test of a health endpoint: any HTTP answer below 500 means the daemon's server is up. */
export async function endpointAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.status < 500;
  } catch {
    return false;
  }
}

/**
 * The engine's own words (`Up 40 seconds`, `Up About a minute`, `Up 3 minutes`) already say a
 * container is well within the grace period: no inspect is needed on every poll while a cluster starts.
 */
export function recentlyStarted(status: string): boolean {
  return /^Up (Less than a second|\d+ seconds?|About a minute|[1-4] minutes)\b/.test(status);
}

async function startTime(client: DockerClient, container: Docker.ContainerInfo): Promise<number | undefined> {
  try {
    const started = Date.parse((await client.inspectContainer(container.Id)).State.StartedAt);
    return Number.isNaN(started) ? undefined : started;
  } catch {
    return undefined;
  }
}
