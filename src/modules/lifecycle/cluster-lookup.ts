import { Not, type Repository } from 'typeorm';
import { NotFound } from '../../common/errors';
import { isUuid } from '../../common/http';
import { Cluster } from './cluster.entity';
import { ClusterNode } from './node.entity';
import { Operation } from './operation.entity';

/** What a cluster may be named: the one rule for a request's name and for a lookup by name. */
export const CLUSTER_NAME = /^[a-z][a-z0-9-]{0,62}$/;

/** A cluster with what its view shows beside it: its nodes in host-group order and its current operation. */
export interface ClusterWithParts {
  cluster: Cluster;
  nodes: ClusterNode[];
  operation: Operation | null;
}

/**
 * A cluster of the tenant by its id, or by its name among the live ones (names are unique only
 * there); a DELETED cluster is found by its id alone.
 */
export async function findCluster(clusters: Repository<Cluster>, tenantId: string, idOrName: string): Promise<Cluster> {
  const by = lookupOf(idOrName);
  const cluster = by === null ? null : await clusters.findOneBy(by === 'id' ? { id: idOrName.toLowerCase(), tenantId } : { name: idOrName, tenantId, status: Not('DELETED') });
  if (!cluster) throw new NotFound('cluster', idOrName.slice(0, 64));
  return cluster;
}

/** The same lookup as `findCluster`, with the cluster's nodes and current operation joined in one query. */
export async function findClusterWithParts(clusters: Repository<Cluster>, tenantId: string, idOrName: string): Promise<ClusterWithParts> {
  const by = lookupOf(idOrName);
  const query = clusters
    .createQueryBuilder('cluster')
    .leftJoinAndMapMany('cluster.joinedNodes', ClusterNode, 'node', 'node.cluster_id = cluster.id')
    .leftJoinAndMapOne('cluster.joinedOperation', Operation, 'operation', 'operation.id = cluster.current_operation_id')
    .where('cluster.tenant_id = :tenantId', { tenantId })
    .orderBy('node.host_group', 'ASC')
    .addOrderBy('node.index', 'ASC');
  if (by === 'id') query.andWhere('cluster.id = :id', { id: idOrName.toLowerCase() });
  else query.andWhere('cluster.name = :name', { name: idOrName }).andWhere("cluster.status <> 'DELETED'");
  const found = by === null ? null : ((await query.getOne()) as (Cluster & { joinedNodes?: ClusterNode[]; joinedOperation?: Operation }) | null);
  if (!found) throw new NotFound('cluster', idOrName.slice(0, 64));
  const { joinedNodes, joinedOperation, ...cluster } = found;
  return { cluster: Object.assign(new Cluster(), cluster), nodes: joinedNodes ?? [], operation: joinedOperation ?? null };
}

function lookupOf(idOrName: string): 'id' | 'name' | null {
  if (isUuid(idOrName)) return 'id';
  return CLUSTER_NAME.test(idOrName) ? 'name' : null;
}
