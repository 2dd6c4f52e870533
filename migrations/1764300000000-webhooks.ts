import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consumers of cluster events: the relay marks each event it has handed to the feed and to webhook
 * delivery (events written before this migration count as relayed, so an upgrade sends no flood),
 * the tenants' webhook subscriptions and the log of every delivery attempt.
 */
export class Webhooks1764300000000 implements MigrationInterface {
  name = 'Webhooks1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cluster_events ADD COLUMN relayed_at timestamptz`);
    await q.query(`UPDATE cluster_events SET relayed_at = now()`);
    await q.query(`CREATE INDEX cluster_events_unrelayed ON cluster_events (id) WHERE relayed_at IS NULL`);
    await q.query(`
      CREATE TABLE webhooks (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        url text NOT NULL,
        kinds text[] NOT NULL,
        description text,
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason text,
        consecutive_failures integer NOT NULL DEFAULT 0,
        secret_key_id text NOT NULL,
        secret_envelope bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhooks_tenant ON webhooks (tenant_id, created_at)`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        webhook_id uuid NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
        delivery_id uuid NOT NULL,
        event_id bigint NOT NULL,
        kind text NOT NULL,
        attempt integer NOT NULL,
        delivered boolean NOT NULL,
        status_code integer,
        error text,
        duration_ms integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhooks`);
    await q.query(`DROP INDEX cluster_events_unrelayed`);
    await q.query(`ALTER TABLE cluster_events DROP COLUMN relayed_at`);
  }
}
