import type { EntityManager } from 'typeorm';
import type { FieldProblem } from '../../common/errors';
import type { ComponentSpec, ProviderConnection, ProviderDescriptor } from '../../providers/spi';
import type { BlueprintShape } from '../blueprints';
import type { NodeSize } from '../stacks';
import type { TenantScope } from '../tenancy';

/** A blueprint as `BlueprintsService.resolve` returns it: its stack, host groups, components and configurations. */
export type ClusterBlueprint = BlueprintShape & { id: string };

/** A credential with its parameters decrypted, for the provider call only; never stored or returned. */
export interface ClusterCredential {
  id: string;
  name: string;
  kind: string;
  variant: string;
  parameters: Record<string, unknown>;
}

export interface ClusterSizeRequest {
  clusters: number;
  nodes: number;
  nodesPerCluster: number;
}

/**
 * What the lifecycle asks of the blueprint, credential, provider and quota features, in one
 * narrow port so that the clusters code depends on these four questions only.
 */
export interface ClusterInputs {
  blueprint(scope: TenantScope, idOrName: string): Promise<ClusterBlueprint>;
  /** Cardinality problems of the requested sizes, each naming the component and host group. */
  sizeProblems(blueprint: ClusterBlueprint, sizes: Record<string, number>): Promise<FieldProblem[]>;
  /**
   * What one node of the host group runs; `hostsByGroup` (node names per host group) lets config
   * files name real hosts, and `node` (its instance type's size) sizes heaps and YARN memory.
   */
  componentSpecs(blueprint: ClusterBlueprint, hostGroup: string, hostsByGroup: Record<string, string[]>, node?: NodeSize): Promise<ComponentSpec[]>;
  credential(scope: TenantScope, idOrName: string): Promise<ClusterCredential>;
  provider(kind: string, variant: string): ProviderDescriptor;
  connect(credential: ClusterCredential): Promise<ProviderConnection>;
  /**
   * Throws QUOTA_EXCEEDED when the tenant would go beyond its quota by adding `request`. Inside
   * `tx` (the transaction that writes the cluster) the check holds a per-tenant lock until commit.
   */
  assertQuota(scope: TenantScope, request: ClusterSizeRequest, tx?: EntityManager): Promise<void>;
}

export const CLUSTER_INPUTS = Symbol('CLUSTER_INPUTS');
