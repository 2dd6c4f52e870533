import { Inject, Injectable } from '@nestjs/common';
import { HERD_CONFIG, type HerdConfig } from '../../config/config';
import type { ClusterSpec, ComponentStatus, NodeSpec, ObservedNode } from '../../providers/spi';
import { NodeCallbacksService } from '../node-callbacks';
import type { HadoopMeasurement, Verification } from './hadoop-verifier';
import type { HealthSource, HealthTarget, OverlayOptions } from './health-source';

const AWAITING = 'waiting for the node\'s ready callback';

/**
 * Health for providers whose nodes report to herd (`healthReporting: 'push'`): launched nodes get
 * a callback URL and token, a running node's components are what it last reported, and the
 * cluster is verified from those reports since herd may not reach the nodes.
 */
@Injectable()
export class PushedHealth implements HealthSource {
  constructor(
    @Inject(HERD_CONFIG) private readonly config: HerdConfig,
    private readonly callbacks: NodeCallbacksService,
  ) {}

  /**
   * The spec and nodes to launch, with the callback URL and fresh tokens. A node to launch is not
   * observed, so whatever an earlier node of that name reported is forgotten first.
   */
  async prepareLaunch(run: HealthTarget, launch: NodeSpec[]): Promise<{ spec: ClusterSpec; launch: NodeSpec[] }> {
    if (launch.length === 0) return { spec: run.spec, launch };
    const { tenantId, id } = run.cluster;
    for (const node of launch) await this.callbacks.revoke(tenantId, id, node.name);
    const tokens = await this.callbacks.issueTokens(tenantId, id, launch.map((node) => node.name));
    return {
      spec: { ...run.spec, callbackUrl: this.config.callbackUrl },
      launch: launch.map((node) => ({ ...node, callbackToken: tokens.get(node.name) })),
    };
  }

  /**
   * A running node's components as it reported them; `starting` until its ready callback arrives,
   * `unknown` once it has been silent for longer than `silentAfterMs`.
   */
  async overlay(target: HealthTarget, observed: ObservedNode[], options: OverlayOptions = {}): Promise<ObservedNode[]> {
    const reports = new Map((await this.callbacks.reports(target.cluster.tenantId, target.cluster.id)).map((report) => [report.nodeName, report]));
    const now = (options.now ?? new Date()).getTime();
    return observed.map((node) => {
      if (node.status !== 'RUNNING') return node;
      const report = reports.get(node.name);
      const reported = new Map((report?.readyAt ? (report.components ?? []) : []).map((c) => [c.name, c.status as ComponentStatus]));
      const silentMs = report?.readyAt && options.silentAfterMs !== undefined ? now - (report.reportedAt ?? report.readyAt).getTime() : 0;
      const silence = options.silentAfterMs !== undefined && silentMs > options.silentAfterMs ? `no report from the node for ${Math.round(silentMs / 1000)} s` : undefined;
      return {
        ...node,
        components: node.components.map((component) => {
          if (!report?.readyAt) return { name: component.name, status: 'starting' as const, reason: AWAITING };
          if (silence) return { name: component.name, status: 'unknown' as const, reason: silence };
          const status = reported.get(component.name);
          return status ? { name: component.name, status } : { name: component.name, status: 'unknown' as const, reason: 'not in the node\'s report' };
        }),
      };
    });
  }

  /** Every kept node reported ready with all its components running. */
  async verify(_target: HealthTarget, kept: ObservedNode[]): Promise<Verification> {
    const healthy = kept.filter((node) => node.components.every((component) => component.status === 'running')).length;
    return { ok: healthy === kept.length, summary: `${healthy}/${kept.length} nodes reported their components running` };
  }

  /** herd may not reach the nodes, so it has no master's figures of its own. */
  async measure(): Promise<HadoopMeasurement[]> {
    return [];
  }

  async forget(run: HealthTarget): Promise<void> {
    await this.callbacks.revoke(run.cluster.tenantId, run.cluster.id);
  }
}
