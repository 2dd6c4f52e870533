import { Inject, Injectable, Logger } from '@nestjs/common';
import { Conflict } from '../../common/errors';
import { HERD_CONFIG, type HerdConfig } from '../../config/config';
import type { ObservedNode } from '../../providers/spi';
import { REDIS, RedisConnection } from '../../queue/redis.module';
import { type Cluster, type DesiredHostGroup, OperationIntake } from '../lifecycle';

/** Long enough for any sensible recovery delay; the hash is rewritten at every probe that sees a loss. */
const LOST_SINCE_TTL_SECONDS = 24 * 3600;

export type RecoveryVerdict = 'none' | 'waiting' | 'requested';

/** A node the monitor counts as lost: in ERROR, or a place in its host group that no node fills. */
export interface LostNode {
  key: string;
  label: string;
}

/** The lost nodes of the `auto` host groups in one observation. */
export function lostNodes(groups: DesiredHostGroup[], observed: ObservedNode[]): LostNode[] {
  const lost: LostNode[] = [];
  for (const group of groups.filter((g) => g.recoveryMode === 'auto')) {
    const members = observed.filter((node) => node.hostGroup === group.name);
    for (const node of members.filter((n) => n.status === 'ERROR')) lost.push({ key: node.name, label: `${node.name} ERROR` });
    for (let slot = members.length; slot < group.nodeCount; slot++) lost.push({ key: `missing:${group.name}:${slot}`, label: `a ${group.name} node missing` });
  }
  return lost;
}

/**
 * Recovery mode `auto` (per host group, as in Cloudbreak): the monitor remembers since when each
 * node has been lost and, once one has stayed lost for HERD_AUTO_RECOVERY_AFTER_MS, requests a
 * repair as a user would. A node that comes back is forgotten.
 */
@Injectable()
export class AutoRecovery {
  private readonly logger = new Logger(AutoRecovery.name);

  constructor(
    @Inject(REDIS) private readonly redis: RedisConnection,
    @Inject(HERD_CONFIG) private readonly config: HerdConfig,
    private readonly intake: OperationIntake,
  ) {}

  async consider(cluster: Cluster, observed: ObservedNode[], now = Date.now()): Promise<RecoveryVerdict> {
    const key = `${this.config.redisPrefix}:monitor:lost-since:${cluster.id}`;
    const lost = lostNodes(cluster.hostGroups, observed);
    if (lost.length === 0) {
      await this.redis.del(key);
      return 'none';
    }
    const since = await this.remember(key, lost, now);
    const afterMs = this.config.monitoring.recoveryAfterMs;
    const overdue = lost.filter((node) => now - since.get(node.key)! >= afterMs);
    if (overdue.length === 0) return 'waiting';
    const longest = Math.round((now - Math.min(...overdue.map((node) => since.get(node.key)!))) / 1000);
    const message = `Repair requested by the monitor (recoveryMode auto): ${overdue.map((node) => node.label).join(', ')}, lost for ${longest} s`;
    try {
      await this.intake.request(cluster, 'repair', { message });
    } catch (error) {
      // a user's operation or a status change came first: the next probe looks again
      if (error instanceof Conflict) return 'waiting';
      throw error;
    }
    await this.redis.del(key);
    this.logger.log(`cluster ${cluster.id}: ${message}`);
    return 'requested';
  }

  /** First-seen times of the lost nodes, keeping earlier ones and dropping nodes no longer lost. */
  private async remember(key: string, lost: LostNode[], now: number): Promise<Map<string, number>> {
    const pipeline = this.redis.multi();
    for (const node of lost) pipeline.hsetnx(key, node.key, String(now));
    pipeline.expire(key, LOST_SINCE_TTL_SECONDS);
    pipeline.hgetall(key);
    const results = (await pipeline.exec()) ?? [];
    const stored = (results.at(-1)?.[1] ?? {}) as Record<string, string>;
    const current = new Set(lost.map((node) => node.key));
    const gone = Object.keys(stored).filter((k) => !current.has(k));
    if (gone.length > 0) await this.redis.hdel(key, ...gone);
    return new Map(lost.map((node) => [node.key, Number(stored[node.key] ?? now)]));
  }
}
