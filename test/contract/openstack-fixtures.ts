import { randomUUID } from 'node:crypto';
import type { ApplyHooks, ClusterSpec, ComponentSpec, NodeSpec } from '../../src/providers/spi';
import { nodeName } from '../../src/providers/spi';

export function component(name: string, startOrder: number, extra: Partial<ComponentSpec> = {}): ComponentSpec {
  return {
    name,
    image: `apache/hadoop:3.3.6`,
    command: ['hdfs', name.toLowerCase()],
    ports: [],
    env: { HADOOP_HOME: '/opt/hadoop' },
    configFiles: [{ path: '/opt/hadoop/etc/hadoop/core-site.xml', content: '<configuration/>' }],
    startOrder,
    ...extra,
  };
}

/** A small cluster on the loopback cloud's fixtures (flavor m1.tiny, image tiny, no network). */
export function testCluster(groups: { name: string; nodeCount: number; options?: Record<string, unknown> }[]): ClusterSpec {
  const id = randomUUID();
  return {
    clusterId: id,
    tenantId: randomUUID(),
    name: 'contract',
    tag: id.replace(/-/g, ''),
    stack: { name: 'hdp', version: '3.1' },
    callbackUrl: 'http://127.0.0.1:9/v1/node-callbacks',
    hostGroups: groups.map((g) => ({
      name: g.name,
      nodeCount: g.nodeCount,
      instanceType: 'm1.tiny',
      components: g.name === 'master' ? [component('NAMENODE', 10), component('RESOURCEMANAGER', 30)] : [component('DATANODE', 20)],
      options: { image: 'tiny', networks: 'none', ...g.options },
    })),
  };
}

export function launchPlan(cluster: ClusterSpec): NodeSpec[] {
  return cluster.hostGroups.flatMap((g) =>
    Array.from({ length: g.nodeCount }, (_, index) => ({
      name: nodeName(cluster, g.name, index),
      hostGroup: g.name,
      index,
      callbackToken: `tok-${g.name}-${index}-${randomUUID()}`,
    })),
  );
}

export function recordingHooks(): ApplyHooks & { created: { node?: string; providerId: string }[]; messages: string[] } {
  const created: { node?: string; providerId: string }[] = [];
  const messages: string[] = [];
  return {
    created,
    messages,
    resourceCreated: async (r) => {
      created.push(r);
    },
    progress: (m) => messages.push(m),
  };
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 120_000, everyMs = 1000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
