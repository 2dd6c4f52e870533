import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Tenancy1764180000000 implements MigrationInterface {
  name = 'Tenancy1764180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenant_quotas (
        tenant_id uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
        clusters integer NOT NULL CHECK (clusters >= 0),
        nodes integer NOT NULL CHECK (nodes >= 0),
        nodes_per_cluster integer NOT NULL CHECK (nodes_per_cluster >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // No foreign keys: the audit trail outlives the tenants and keys it names.
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        tenant_id uuid,
        api_key_id uuid,
        key_prefix text,
        method text NOT NULL,
        route text,
        path text NOT NULL,
        target_id text,
        status integer NOT NULL,
        correlation_id text NOT NULL,
        client_ip text,
        duration_ms integer NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_log_tenant_idx ON audit_log (tenant_id, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP TABLE tenant_quotas`);
  }
}
