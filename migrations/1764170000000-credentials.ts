import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Credentials1764170000000 implements MigrationInterface {
  name = 'Credentials1764170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE credentials (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        name text NOT NULL,
        provider_kind text NOT NULL,
        provider_variant text NOT NULL,
        parameters jsonb NOT NULL,
        secret_paths jsonb NOT NULL DEFAULT '[]',
        secret_key_id text,
        secret_envelope bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT credentials_tenant_name_key UNIQUE (tenant_id, name),
        CONSTRAINT credentials_secret_sealed CHECK ((secret_key_id IS NULL) = (secret_envelope IS NULL))
      )`);
    await q.query(`CREATE INDEX credentials_secret_key_idx ON credentials (secret_key_id, id) WHERE secret_key_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE credentials`);
  }
}
