import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tenant directory's settings columns lose their SQL defaults: the code writes every row
 * with libs/contracts TENANT_DEFAULTS (through defaultTenantSettings), the one definition.
 */
export class TenantDefaults1763920000003 implements MigrationInterface {
  name = 'TenantDefaults1763920000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE tenant_directory
        ALTER COLUMN timezone DROP DEFAULT,
        ALTER COLUMN locale DROP DEFAULT,
        ALTER COLUMN reminder_offsets_minutes DROP DEFAULT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE tenant_directory
        ALTER COLUMN timezone SET DEFAULT 'Europe/Paris',
        ALTER COLUMN locale SET DEFAULT 'fr',
        ALTER COLUMN reminder_offsets_minutes SET DEFAULT '{2880,180}'`);
  }
}
