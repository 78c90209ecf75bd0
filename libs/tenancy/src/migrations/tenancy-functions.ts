import { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantFunction } from '../row-level-security';

/** `app_current_tenant()`, which every tenant_isolation policy compares rows with. */
export class TenancyFunctions1763900000005 implements MigrationInterface {
  name = 'TenancyFunctions1763900000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTenantFunction(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION IF EXISTS app_current_tenant()`);
  }
}
