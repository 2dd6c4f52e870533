import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Clusters1764190000000 implements MigrationInterface {
  name = 'Clusters1764190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE clusters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        name text NOT NULL,
        blueprint_id uuid NOT NULL,
        credential_id uuid NOT NULL,
        provider_kind text NOT NULL,
        provider_variant text NOT NULL,
        host_groups jsonb NOT NULL,
        on_failure text NOT NULL CHECK (on_failure IN ('rollback', 'keep')),
        partial_failure jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('REQUESTED', 'PROVISIONING', 'AVAILABLE', 'UPDATING', 'STOPPING', 'STOPPED', 'STARTING', 'DELETING', 'DELETED', 'FAILED')),
        status_reason text,
        health text NOT NULL DEFAULT 'UNKNOWN' CHECK (health IN ('HEALTHY', 'DEGRADED', 'UNHEALTHY', 'UNKNOWN')),
        current_operation_id uuid,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX clusters_tenant_name_live_uq ON clusters (tenant_id, name) WHERE status <> 'DELETED'`);
    await q.query(`CREATE INDEX clusters_tenant_status_idx ON clusters (tenant_id, status, created_at)`);
    await q.query(`CREATE INDEX clusters_blueprint_idx ON clusters (blueprint_id) WHERE status <> 'DELETED'`);
    await q.query(`CREATE INDEX clusters_credential_idx ON clusters (credential_id) WHERE status <> 'DELETED'`);
    await q.query(`
      CREATE TABLE nodes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cluster_id uuid NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
        host_group text NOT NULL,
        index integer NOT NULL,
        name text NOT NULL,
        provider_id text,
        status text NOT NULL,
        status_reason text,
        addresses jsonb NOT NULL DEFAULT '{}',
        components jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (cluster_id, name)
      )`);
    await q.query(`
      CREATE TABLE operations (
        id uuid PRIMARY KEY,
        cluster_id uuid NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('create', 'scale', 'stop', 'start', 'delete', 'repair')),
        status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
        percent integer NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
        step text,
        error text,
        params jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX operations_cluster_idx ON operations (cluster_id, created_at)`);
    await q.query(`CREATE INDEX operations_unfinished_idx ON operations (created_at) WHERE status IN ('queued', 'running')`);
    await q.query(`
      CREATE TABLE cluster_events (
        id bigserial PRIMARY KEY,
        cluster_id uuid NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        operation_id uuid,
        type text NOT NULL,
        message text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX cluster_events_cluster_idx ON cluster_events (cluster_id, id)`);
    await q.query(`
      CREATE TABLE idempotency_keys (
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        key text NOT NULL,
        request_hash text NOT NULL,
        cluster_id uuid NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
        operation_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE cluster_events`);
    await q.query(`DROP TABLE operations`);
    await q.query(`DROP TABLE nodes`);
    await q.query(`DROP TABLE clusters`);
  }
}
