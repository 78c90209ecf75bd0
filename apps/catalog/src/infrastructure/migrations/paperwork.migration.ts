import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who a session is for by practice mode (« libéraux uniquement », « étudiants bienvenus »), empty = all;
 * a tenant's retention periods (null: libs/contracts TENANT_DEFAULTS.retention); whether an
 * activity is individual support (one-person slots).
 */
export class Paperwork1764600000001 implements MigrationInterface {
  name = 'Paperwork1764600000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sessions ADD COLUMN eligible_practice_modes text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE tenants ADD COLUMN retention jsonb`);
    await q.query(`ALTER TABLE activities ADD COLUMN individual boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE activities DROP COLUMN individual`);
    await q.query(`ALTER TABLE tenants DROP COLUMN retention`);
    await q.query(`ALTER TABLE sessions DROP COLUMN eligible_practice_modes`);
  }
}
