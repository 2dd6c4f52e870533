import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AutoscalingPolicies1764270000000 implements MigrationInterface {
  name = 'AutoscalingPolicies1764270000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE autoscaling_policies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        cluster_id uuid NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
        name text NOT NULL,
        host_group text NOT NULL,
        metric text NOT NULL,
        operator text NOT NULL CHECK (operator IN ('above', 'below')),
        threshold double precision NOT NULL,
        adjustment integer NOT NULL CHECK (adjustment <> 0),
        min_nodes integer NOT NULL CHECK (min_nodes >= 0),
        max_nodes integer NOT NULL CHECK (max_nodes >= min_nodes),
        cooldown_seconds integer NOT NULL CHECK (cooldown_seconds >= 0),
        for_seconds integer NOT NULL DEFAULT 0 CHECK (for_seconds >= 0),
        enabled boolean NOT NULL DEFAULT true,
        last_triggered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (cluster_id, name)
      )`);
    await q.query(`CREATE INDEX autoscaling_policies_tenant_cluster_idx ON autoscaling_policies (tenant_id, cluster_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE autoscaling_policies`);
  }
}
