import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What herd needs to hold when Redis is lost: the token of the run that owns an operation (a run
 * taken over writes nothing more), when a cluster's health was last probed (stale health turns
 * UNKNOWN), and the id of this deployment (two deployments must not share one Redis prefix).
 */
export class FaultFences1764290000000 implements MigrationInterface {
  name = 'FaultFences1764290000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE operations ADD COLUMN run_token uuid`);
    await q.query(`ALTER TABLE clusters ADD COLUMN health_checked_at timestamptz`);
    await q.query(`UPDATE clusters SET health_checked_at = now()`);
    await q.query(`CREATE TABLE deployment (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), created_at timestamptz NOT NULL DEFAULT now(), singleton boolean NOT NULL DEFAULT true UNIQUE CHECK (singleton))`);
    await q.query(`INSERT INTO deployment DEFAULT VALUES`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deployment`);
    await q.query(`ALTER TABLE clusters DROP COLUMN health_checked_at`);
    await q.query(`ALTER TABLE operations DROP COLUMN run_token`);
  }
}
