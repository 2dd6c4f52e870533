import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Unauthenticated } from '../../common/errors';
import { HERD_CONFIG, type HerdConfig } from '../../config/config';
import { NodeCallback } from './node-callback.entity';
import { deriveNodeToken, hashNodeToken } from './node-callback-token';
import type { NodeReportDto } from './node-report.dto';

export interface NodeReport {
  nodeName: string;
  lastEvent: string | null;
  components: { name: string; status: string }[] | null;
  readyAt: Date | null;
  /** The last report of any kind, changed or not: how long the node has been silent. */
  reportedAt: Date | null;
}

@Injectable()
export class NodeCallbacksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HERD_CONFIG) private readonly config: HerdConfig,
  ) {}

  private get repo() {
    return this.db.getRepository(NodeCallback);
  }

  /**
   * Tokens for nodes about to launch (put them in `NodeSpec.callbackToken`); the same node always
   * gets the same token, and only its hash is kept.
   */
  async issueTokens(tenantId: string, clusterId: string, nodeNames: string[]): Promise<Map<string, string>> {
    const tokens = new Map<string, string>();
    for (const nodeName of nodeNames) {
      const token = deriveNodeToken(this.config.masterKey.key, clusterId, nodeName);
      tokens.set(nodeName, token);
      await this.repo
        .createQueryBuilder()
        .insert()
        .values({ tenantId, clusterId, nodeName, tokenHash: hashNodeToken(token) })
        .orIgnore()
        .execute();
    }
    return tokens;
  }

  /** Records a node's report; `changed` is false when it repeats the state already recorded. */
  async report(token: string, report: NodeReportDto): Promise<{ changed: boolean }> {
    const row = await this.repo.findOne({ where: { tokenHash: hashNodeToken(token) } });
    if (!row) throw new Unauthenticated('Unknown node callback token', true);
    const components = [...report.components].sort((a, b) => a.name.localeCompare(b.name)).map((c) => ({ name: c.name, status: c.status }));
    const stateHash = createHash('sha256').update(JSON.stringify([report.event === 'ready' || row.readyAt ? 'up' : 'new', components])).digest('hex');
    const now = new Date();
    if (row.stateHash === stateHash) {
      await this.repo.update({ id: row.id }, { reportedAt: now });
      return { changed: false };
    }
    // conditional on the previous state, so two identical reports racing count once
    const result = await this.repo
      .createQueryBuilder()
      .update()
      .set({ lastEvent: report.event, stateHash, components, reportedAt: now, readyAt: row.readyAt ?? (report.event === 'ready' ? now : null) })
      .where('id = :id AND state_hash IS NOT DISTINCT FROM :previous', { id: row.id, previous: row.stateHash })
      .execute();
    return { changed: (result.affected ?? 0) > 0 };
  }

  /** The last report of every node of one cluster of one tenant. */
  async reports(tenantId: string, clusterId: string): Promise<NodeReport[]> {
    const rows = await this.repo.find({ where: { tenantId, clusterId }, order: { nodeName: 'ASC' } });
    return rows.map(({ nodeName, lastEvent, components, readyAt, reportedAt }) => ({ nodeName, lastEvent, components, readyAt, reportedAt }));
  }

  /** Forgets a cluster's tokens (on teardown), or one node's (on scale-in). */
  async revoke(tenantId: string, clusterId: string, nodeName?: string): Promise<void> {
    await this.repo.delete(nodeName ? { tenantId, clusterId, nodeName } : { tenantId, clusterId });
  }
}
