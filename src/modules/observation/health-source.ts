import type { ClusterSpec, NodeSpec, ObservedNode } from '../../providers/spi';
import type { HadoopMeasurement, Verification } from './hadoop-verifier';

/** A cluster whose health is read: its identity and its spec. */
export interface HealthTarget {
  cluster: { id: string; tenantId: string };
  spec: ClusterSpec;
}

export interface OverlayOptions {
  /** A ready node silent for longer than this has its components `unknown` (the monitor sets it; operations do not). */
  silentAfterMs?: number;
  now?: Date;
}

/**
 * Where a cluster's health comes from, by the provider's `healthReporting`: pulled from Hadoop's
 * own endpoints by herd, or pushed by the nodes to herd. Operations and probes ask it, never the
 * capability.
 */
export interface HealthSource {
  /** The spec and nodes to launch, with what the nodes need to report (push: a callback URL and tokens). */
  prepareLaunch(target: HealthTarget, launch: NodeSpec[]): Promise<{ spec: ClusterSpec; launch: NodeSpec[] }>;
  /** The observed nodes, their components as this source knows them. */
  overlay(target: HealthTarget, observed: ObservedNode[], options?: OverlayOptions): Promise<ObservedNode[]>;
  /** Whether the cluster as a whole serves. */
  verify(target: HealthTarget, kept: ObservedNode[]): Promise<Verification>;
  /** The masters' figures (live DataNodes, YARN load), where this source has them. */
  measure(target: HealthTarget, observed: ObservedNode[]): Promise<HadoopMeasurement[]>;
  /** Forgets what the cluster's nodes told herd, once the cluster is gone. */
  forget(target: HealthTarget): Promise<void>;
}
