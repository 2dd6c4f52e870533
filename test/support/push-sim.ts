import Redis from 'ioredis';
import request from 'supertest';
import { SimHealthServer } from '../../src/providers/sim/sim.health-server';
import { createSimAdapter } from '../../src/providers/sim/sim.provider';
import { SIM_DESCRIPTOR } from '../../src/providers/sim/sim.descriptor';
import type { ApplyHooks, ApplyPlan, ClusterSpec, ProviderAdapter, ProviderConnection } from '../../src/providers/spi';
import { testRedisPrefix } from './test-app';

export type ReportedStatus = 'starting' | 'running' | 'stopped' | 'failed' | 'unknown';

/** A launched node as its VM would know it: its token and the components it runs. */
export interface PushNode {
  name: string;
  token: string;
  components: string[];
}

/**
 * The sim under another variant whose nodes report their own health (`healthReporting: 'push'`),
 * as OpenStack VMs do: it keeps each launched node's callback token so a test can play the node.
 */
export class PushSim implements ProviderAdapter {
  readonly descriptor = {
    ...SIM_DESCRIPTOR,
    variant: 'push',
    displayName: 'Simulator, nodes reporting by callback',
    capabilities: { ...SIM_DESCRIPTOR.capabilities, healthReporting: 'push' as const },
  };
  readonly nodes = new Map<string, PushNode>();
  private readonly redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
  private readonly healthServer: SimHealthServer;
  private readonly sim;

  constructor() {
    const keyPrefix = testRedisPrefix();
    this.healthServer = new SimHealthServer({ redis: this.redis, keyPrefix });
    this.sim = createSimAdapter({ redis: this.redis, keyPrefix, healthServer: this.healthServer });
  }

  connect(parameters: Record<string, unknown>): ProviderConnection {
    const inner = this.sim.connect(parameters);
    const apply = async (cluster: ClusterSpec, plan: ApplyPlan, hooks: ApplyHooks) => {
      for (const node of plan.launch) {
        const group = cluster.hostGroups.find((g) => g.name === node.hostGroup)!;
        this.nodes.set(node.name, { name: node.name, token: node.callbackToken!, components: group.components.map((c) => c.name) });
      }
      await inner.apply(cluster, plan, hooks);
    };
    return Object.assign(Object.create(inner) as ProviderConnection, { apply });
  }

  /** Posts one report from a node, as its user_data would. */
  static async report(baseUrl: string, node: PushNode, event: 'ready' | 'health', status: (component: string) => ReportedStatus = () => 'running') {
    return request(baseUrl)
      .post('/v1/node-callbacks')
      .set('Authorization', `Bearer ${node.token}`)
      .send({ event, components: node.components.map((name) => ({ name, status: status(name) })) });
  }

  async close(): Promise<void> {
    await this.healthServer.close();
    this.redis.disconnect();
  }
}
