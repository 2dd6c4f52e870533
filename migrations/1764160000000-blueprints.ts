import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Blueprints1764160000000 implements MigrationInterface {
  name = 'Blueprints1764160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE blueprints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        name text NOT NULL,
        description text,
        stack_name text NOT NULL,
        stack_version text NOT NULL,
        document jsonb NOT NULL,
        host_groups jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT blueprints_tenant_name_unique UNIQUE (tenant_id, name)
      )`);
    await q.query(`CREATE INDEX blueprints_tenant_created_idx ON blueprints (tenant_id, created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE blueprints`);
  }
}
