import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HERD_CONFIG, HerdConfig } from '../../config/config';
import { ClusterEvents } from '../events';

/** AVAILABLE clusters, with no operation running, whose health was not established for $1 ms. */
const NOT_PROBED = `c.status = 'AVAILABLE'
  AND (c.health_checked_at IS NULL OR c.health_checked_at < now() - make_interval(secs => $1::double precision / 1000))
  AND NOT EXISTS (SELECT 1 FROM operations o WHERE o.id = c.current_operation_id AND o.status IN ('queued', 'running'))`;

interface StaleCluster {
  id: string;
  tenant_id: string;
  from_health: string;
  checked_at: Date | null;
}

/**
 * Health is never shown on stale data: an AVAILABLE cluster whose health was not established for
 * `staleAfterProbes` probe intervals (no operation running) turns UNKNOWN, with an event that
 * says why. Reads and writes PostgreSQL only, so it holds while Redis is away.
 */
@Injectable()
export class StaleHealth {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HERD_CONFIG) private readonly config: HerdConfig,
    private readonly events: ClusterEvents,
  ) {}

  /** Returns the ids of the clusters it turned UNKNOWN. */
  async mark(): Promise<string[]> {
    const { intervalMs, staleAfterProbes } = this.config.monitoring;
    const staleMs = intervalMs * staleAfterProbes;
    const stale = await this.db.transaction(async (manager) => {
      const rows = (await manager.query(
        `WITH stale AS (
           SELECT c.id, c.tenant_id, c.health, c.health_checked_at FROM clusters c
           WHERE c.health <> 'UNKNOWN' AND ${NOT_PROBED}
           FOR UPDATE OF c SKIP LOCKED)
         UPDATE clusters c SET health = 'UNKNOWN' FROM stale WHERE c.id = stale.id
         RETURNING c.id, c.tenant_id, stale.health AS from_health, stale.health_checked_at AS checked_at`,
        [staleMs],
      )) as [StaleCluster[], number] | StaleCluster[];
      // An UPDATE ... RETURNING comes back as [rows, count] from TypeORM's pg driver; plain rows otherwise.
      const found = (Array.isArray(rows[0]) ? rows[0] : rows) as StaleCluster[];
      for (const cluster of found) {
        const since = cluster.checked_at ? `for ${Math.round((Date.now() - new Date(cluster.checked_at).getTime()) / 1000)} s` : 'yet';
        await this.events.record(
          {
            clusterId: cluster.id,
            tenantId: cluster.tenant_id,
            type: 'health',
            message: `UNKNOWN: no health probe ${since} (${staleAfterProbes} intervals of ${intervalMs / 1000} s missed); herd restores the probe schedule`,
            data: { from: cluster.from_health, to: 'UNKNOWN', reason: 'stale' },
          },
          manager,
        );
      }
      return found;
    });
    for (const cluster of stale) await this.events.announce(cluster.id);
    return stale.map((cluster) => cluster.id);
  }

  /** The clusters no probe reached for `ms`, for the sweep that gives them their probe back. */
  async notProbedFor(ms: number): Promise<{ id: string; tenantId: string }[]> {
    const rows = (await this.db.query(`SELECT c.id, c.tenant_id FROM clusters c WHERE ${NOT_PROBED}`, [ms])) as { id: string; tenant_id: string }[];
    return rows.map((row) => ({ id: row.id, tenantId: row.tenant_id }));
  }
}
