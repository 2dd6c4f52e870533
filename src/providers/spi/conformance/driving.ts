import { sleep } from '../../../common/scheduling';
import type { ClusterSpec } from '../cluster-spec';
import { isRetryable } from '../errors';
import type { ObservedNode } from '../observed';
import type { ApplyHooks, ApplyPlan, ProviderConnection } from '../provider';
import { summarize, type PollSettings } from './polling';

/** How the kit drives a connection: herd's reconciler in small. */
export interface DriveSettings extends PollSettings {
  /** Longest a single apply or teardown may take: a call starts its work and returns. */
  callTimeoutMs: number;
}

/** Runs one provider call, failing the test when it took longer than `callTimeoutMs`. */
export async function timed<T>(call: string, settings: DriveSettings, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await run();
  const took = Date.now() - started;
  if (took > settings.callTimeoutMs) {
    throw new Error(`${call} took ${took} ms: a provider call starts its work and returns, and herd polls describe for the rest (callTimeoutMs is ${settings.callTimeoutMs} ms)`);
  }
  return result;
}

async function busy(connection: ProviderConnection, cluster: ClusterSpec): Promise<boolean> {
  return connection.operationInProgress ? (await connection.operationInProgress(cluster)) !== undefined : false;
}

/**
 * Applies `plan` and polls `describe` until `done` holds, applying the same plan again, as herd
 * does, whenever a node it launches is missing or a node it terminates still stands (a backend may
 * carry a plan out in steps), but never while the backend reports its own operation under way. The
 * first error of any call is the outcome.
 */
export async function applyUntil(
  connection: ProviderConnection,
  cluster: ClusterSpec,
  plan: ApplyPlan,
  hooks: ApplyHooks,
  wanted: string,
  done: (nodes: ObservedNode[]) => boolean,
  settings: DriveSettings,
): Promise<ObservedNode[]> {
  const deadline = Date.now() + settings.statusTimeoutMs;
  await timed('apply', settings, () => connection.apply(cluster, plan, hooks));
  for (;;) {
    const nodes = await connection.describe(cluster);
    if (done(nodes)) return nodes;
    if (Date.now() >= deadline) throw new Error(`timed out after ${settings.statusTimeoutMs} ms waiting for ${wanted}; describe shows ${summarize(nodes)}`);
    const standing = new Set(nodes.filter((node) => node.status !== 'TERMINATING').map((node) => node.name));
    const unfinished = plan.launch.some((node) => !standing.has(node.name)) || plan.terminate.some((node) => standing.has(node.name));
    if (unfinished && !(await busy(connection, cluster))) await timed('apply', settings, () => connection.apply(cluster, plan, hooks));
    await sleep(settings.pollIntervalMs);
  }
}

/** Asks for a teardown as herd does: a retryable refusal (a busy backend) is asked again after a pause. */
export async function askTeardown(connection: ProviderConnection, cluster: ClusterSpec, settings: DriveSettings): Promise<void> {
  const deadline = Date.now() + settings.statusTimeoutMs;
  for (;;) {
    try {
      return await timed('teardown', settings, () => connection.teardown(cluster));
    } catch (error) {
      if (!isRetryable(error) || Date.now() >= deadline) throw error;
      await sleep(settings.pollIntervalMs);
    }
  }
}

/** Polls `describe` until it is empty, asking for the teardown again while a node is not TERMINATING. */
export async function untilGone(connection: ProviderConnection, cluster: ClusterSpec, settings: DriveSettings): Promise<void> {
  const deadline = Date.now() + settings.statusTimeoutMs;
  for (;;) {
    const nodes = await connection.describe(cluster);
    if (nodes.length === 0) return;
    if (Date.now() >= deadline) throw new Error(`timed out after ${settings.statusTimeoutMs} ms waiting for no nodes after teardown; describe shows ${summarize(nodes)}`);
    if (nodes.some((node) => node.status !== 'TERMINATING')) await askTeardown(connection, cluster, settings);
    await sleep(settings.pollIntervalMs);
  }
}

export async function tearDown(connection: ProviderConnection, cluster: ClusterSpec, settings: DriveSettings): Promise<void> {
  await askTeardown(connection, cluster, settings);
  await untilGone(connection, cluster, settings);
}
