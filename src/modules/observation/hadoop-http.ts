const PROBE_TIMEOUT_MS = 5_000;

/** A Hadoop daemon's JSON answer (JMX, YARN REST), or undefined when it does not answer well. */
export async function fetchHadoopJson(url: string): Promise<unknown> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return response.ok ? await response.json() : undefined;
  } catch {
    return undefined;
  }
}

/** The base URL herd reaches `component` on, from the first observed node that has one. */
export function endpointOf(nodes: { components: { name: string; endpoint?: string }[] }[], component: string): string | undefined {
  for (const node of nodes) {
    const found = node.components.find((c) => c.name === component && c.endpoint);
    if (found?.endpoint) return found.endpoint.replace(/\/$/, '');
  }
  return undefined;
}

/** The NameNode's live DataNodes by host name with their admin state, from NameNodeInfo's LiveNodes (a JSON string keyed `host:port`). */
export function liveNodesByHost(body: unknown): Map<string, string> | undefined {
  const beans = (body as { beans?: { LiveNodes?: unknown }[] } | undefined)?.beans ?? [];
  const listed = beans.find((bean) => typeof bean.LiveNodes === 'string')?.LiveNodes as string | undefined;
  if (listed === undefined) return undefined;
  try {
    const live = JSON.parse(listed) as Record<string, { adminState?: string }>;
    return new Map(Object.entries(live).map(([key, node]) => [key.split(':')[0]!, node.adminState ?? 'In Service']));
  } catch {
    return undefined;
  }
}

export const NAMENODE_INFO = '/jmx?qry=Hadoop:service=NameNode,name=NameNodeInfo';
