import { MigrationInterface, QueryRunner } from 'typeorm';

/** The region (ARS territory) a tenant belongs to: its funders read its summaries (libs/contracts REGIONS). */
export class TenantRegion1764600000000 implements MigrationInterface {
  name = 'TenantRegion1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tenants ADD COLUMN region text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tenants DROP COLUMN region`);
  }
}
