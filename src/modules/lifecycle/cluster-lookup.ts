import { type DataSource, type EntityMetadata, Not, type Repository } from 'typeorm';
import { NotFound } from '../../common/errors';
import { isUuid } from '../../common/http';
import { Cluster } from './cluster.entity';
import { entityFromJsonRow } from './entity-rows';
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

/**
 * The same lookup as `findCluster`, with the cluster's nodes (in host-group order) and current
 * operation, in one statement that answers one row of JSON: a cluster of many nodes does not come
 * back as as many copies of its own columns, and no query is built per request.
 */
export async function findClusterWithParts(clusters: Repository<Cluster>, tenantId: string, idOrName: string): Promise<ClusterWithParts> {
  const by = lookupOf(idOrName);
  const tables = partsTables(clusters);
  const [row] = by === null ? [] : ((await clusters.manager.query(by === 'id' ? tables.byId : tables.byName, [tenantId, by === 'id' ? idOrName.toLowerCase() : idOrName])) as PartsRow[]);
  if (!row) throw new NotFound('cluster', idOrName.slice(0, 64));
  return {
    cluster: entityFromJsonRow<Cluster>(tables.cluster, row.cluster),
    nodes: row.nodes.map((node) => entityFromJsonRow<ClusterNode>(tables.node, node)),
    operation: row.operation ? entityFromJsonRow<Operation>(tables.operation, row.operation) : null,
  };
}

interface PartsRow {
  cluster: Record<string, unknown>;
  nodes: Record<string, unknown>[];
  operation: Record<string, unknown> | null;
}

interface PartsTables {
  cluster: EntityMetadata;
  node: EntityMetadata;
  operation: EntityMetadata;
  byId: string;
  byName: string;
}

const partsStatements = new WeakMap<DataSource, PartsTables>();

/** The statements of `findClusterWithParts`, written once per data source from the entities' tables. */
function partsTables(clusters: Repository<Cluster>): PartsTables {
  const source = clusters.manager.connection;
  const known = partsStatements.get(source);
  if (known) return known;
  const [cluster, node, operation] = [source.getMetadata(Cluster), source.getMetadata(ClusterNode), source.getMetadata(Operation)];
  const select = `SELECT row_to_json(cluster) AS cluster,
      (SELECT coalesce(json_agg(node ORDER BY node.host_group, node.index), '[]') FROM ${node.tablePath} node WHERE node.cluster_id = cluster.id) AS nodes,
      (SELECT row_to_json(operation) FROM ${operation.tablePath} operation WHERE operation.id = cluster.current_operation_id) AS operation
    FROM ${cluster.tablePath} cluster WHERE cluster.tenant_id = $1`;
  const tables = { cluster, node, operation, byId: `${select} AND cluster.id = $2`, byName: `${select} AND cluster.name = $2 AND cluster.status <> 'DELETED'` };
  partsStatements.set(source, tables);
  return tables;
}

function lookupOf(idOrName: string): 'id' | 'name' | null {
  if (isUuid(idOrName)) return 'id';
  return CLUSTER_NAME.test(idOrName) ? 'name' : null;
}
