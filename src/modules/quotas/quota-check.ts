import type { QuotaLimits } from '../../config/config';

/** What a tenant holds now, across its clusters that are not deleted. */
export interface QuotaUsage {
  clusters: number;
  nodes: number;
}

/**
 * What a create or scale asks for: `clusters` and `nodes` are changes (+1 cluster, +5 nodes),
 * `nodesPerCluster` is the size the one cluster concerned would have afterwards.
 */
export interface QuotaRequest {
  clusters?: number;
  nodes?: number;
  nodesPerCluster?: number;
}

export interface QuotaViolation {
  quota: keyof QuotaLimits;
  /** In use before the request; absent for nodesPerCluster, which is about one cluster. */
  used?: number;
  requested: number;
  allowed: number;
}

const LABEL: Record<keyof QuotaLimits, string> = { clusters: 'clusters', nodes: 'nodes in total', nodesPerCluster: 'nodes per cluster' };

/** Every quota the request would break. Shrinking never breaks one, even above a lowered limit. */
export function quotaViolations(limits: QuotaLimits, usage: QuotaUsage, request: QuotaRequest): QuotaViolation[] {
  const violations: QuotaViolation[] = [];
  for (const quota of ['clusters', 'nodes'] as const) {
    const delta = request[quota] ?? 0;
    if (delta > 0 && usage[quota] + delta > limits[quota]) violations.push({ quota, used: usage[quota], requested: delta, allowed: limits[quota] });
  }
  const size = request.nodesPerCluster;
  if (size !== undefined && size > limits.nodesPerCluster) violations.push({ quota: 'nodesPerCluster', requested: size, allowed: limits.nodesPerCluster });
  return violations;
}

/** e.g. "10 in use + 1 requested would exceed the 10 allowed" */
export function violationReason(violation: QuotaViolation): string {
  if (violation.used === undefined) return `${violation.requested} requested exceeds the ${violation.allowed} allowed`;
  return `${violation.used} in use + ${violation.requested} requested would exceed the ${violation.allowed} allowed`;
}

/** e.g. "clusters: 10 in use + 1 requested would exceed the 10 allowed" */
export function describeViolation(violation: QuotaViolation): string {
  return `${LABEL[violation.quota]}: ${violationReason(violation)}`;
}

export function quotaMessage(violations: QuotaViolation[]): string {
  return `Quota exceeded: ${violations.map(describeViolation).join('; ')}`;
}
