import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NodeCallbacks1764260000000 implements MigrationInterface {
  name = 'NodeCallbacks1764260000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE node_callbacks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        cluster_id uuid NOT NULL,
        node_name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        last_event text,
        state_hash text,
        components jsonb,
        ready_at timestamptz,
        reported_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (cluster_id, node_name)
      )`);
    await q.query(`CREATE INDEX node_callbacks_tenant_cluster_idx ON node_callbacks (tenant_id, cluster_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE node_callbacks`);
  }
}
