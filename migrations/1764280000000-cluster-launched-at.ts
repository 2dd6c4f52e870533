import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When herd first asked the provider to create something for a cluster; null means nothing was ever launched. */
export class ClusterLaunchedAt1764280000000 implements MigrationInterface {
  name = 'ClusterLaunchedAt1764280000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clusters ADD COLUMN launched_at timestamptz`);
    // Clusters from before the column may have launched anything: treat them as launched, so teardown still runs.
    await q.query(`UPDATE clusters SET launched_at = created_at`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clusters DROP COLUMN launched_at`);
  }
}
