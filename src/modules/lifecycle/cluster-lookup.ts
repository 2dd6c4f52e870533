import { Not, type Repository } from 'typeorm';
import { NotFound } from '../../common/errors';
import { isUuid } from '../../common/http';
import { Cluster } from './cluster.entity';

/** What a cluster may be named: the one rule for a request's name and for a lookup by name. */
export const CLUSTER_NAME = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * A cluster of the tenant by its id, or by its name among the live ones (names are unique only
 * there); a DELETED cluster is found by its id alone.
 */
export async function findCluster(clusters: Repository<Cluster>, tenantId: string, idOrName: string): Promise<Cluster> {
  const cluster = isUuid(idOrName)
    ? await clusters.findOneBy({ id: idOrName.toLowerCase(), tenantId })
    : CLUSTER_NAME.test(idOrName)
      ? await clusters.findOneBy({ name: idOrName, tenantId, status: Not('DELETED') })
      : null;
  if (!cluster) throw new NotFound('cluster', idOrName.slice(0, 64));
  return cluster;
}
