import { pollUntil } from '../../../common/scheduling';
import type { ClusterSpec } from '../cluster-spec';
import type { ObservedNode } from '../observed';
import type { ProviderConnection } from '../provider';

export interface PollSettings {
  pollIntervalMs: number;
  statusTimeoutMs: number;
}

export function summarize(nodes: ObservedNode[]): string {
  if (nodes.length === 0) return 'no nodes';
  const counts = new Map<string, number>();
  for (const node of nodes) counts.set(node.status, (counts.get(node.status) ?? 0) + 1);
  return `${nodes.length} nodes (${[...counts].map(([status, count]) => `${count} ${status}`).join(', ')})`;
}

/** Polls `describe` until `done` holds; on timeout, fails saying what was wanted and what was seen. */
export async function waitForNodes(
  connection: ProviderConnection,
  cluster: ClusterSpec,
  wanted: string,
  done: (nodes: ObservedNode[]) => boolean,
  settings: PollSettings,
): Promise<ObservedNode[]> {
  const result = await pollUntil(() => connection.describe(cluster), done, { deadline: Date.now() + settings.statusTimeoutMs, intervalMs: settings.pollIntervalMs });
  if (!result.done) throw new Error(`timed out after ${settings.statusTimeoutMs} ms waiting for ${wanted}; describe shows ${summarize(result.value)}`);
  return result.value;
}
