import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tenant directory's settings columns lose their SQL defaults: the code writes every row
 * with libs/contracts TENANT_DEFAULTS (through DEFAULT_TENANT_POLICY), the one definition.
 */
export class TenantDefaults1763910000030 implements MigrationInterface {
  name = 'TenantDefaults1763910000030';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE tenant_directory
        ALTER COLUMN timezone DROP DEFAULT,
        ALTER COLUMN waitlist_mode DROP DEFAULT,
        ALTER COLUMN offer_ttl_minutes DROP DEFAULT,
        ALTER COLUMN offer_cutoff_minutes DROP DEFAULT,
        ALTER COLUMN late_cancellation_minutes DROP DEFAULT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE tenant_directory
        ALTER COLUMN timezone SET DEFAULT 'Europe/Paris',
        ALTER COLUMN waitlist_mode SET DEFAULT 'offer',
        ALTER COLUMN offer_ttl_minutes SET DEFAULT 1440,
        ALTER COLUMN offer_cutoff_minutes SET DEFAULT 120,
        ALTER COLUMN late_cancellation_minutes SET DEFAULT 1440`);
  }
}
