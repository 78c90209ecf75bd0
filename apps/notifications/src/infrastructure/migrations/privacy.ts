import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRowLevelSecurity, enableTenantRowLevelSecurity } from '@respire/tenancy';

/**
 * `erased_participant` remembers who was erased (an id, nothing else), so that an event about
 * them read after their erasure (another partition, a replay) writes nothing back and sends
 * nothing. `delivery_log_retention_months`: the tenant's own delivery-log retention, null = the
 * default (libs/contracts TENANT_DEFAULTS.retention).
 */
export class Privacy1764600000090 implements MigrationInterface {
  name = 'Privacy1764600000090';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE erased_participant (
        tenant_id      uuid NOT NULL,
        participant_id uuid NOT NULL,
        erased_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, participant_id)
      )`);
    await enableTenantRowLevelSecurity(queryRunner, 'erased_participant');
    await queryRunner.query(`
      ALTER TABLE tenant_directory ADD COLUMN delivery_log_retention_months integer CHECK (delivery_log_retention_months > 0)`);
    await queryRunner.query(`CREATE INDEX delivery_by_age ON delivery (tenant_id, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX delivery_by_age`);
    await queryRunner.query(`ALTER TABLE tenant_directory DROP COLUMN delivery_log_retention_months`);
    await disableTenantRowLevelSecurity(queryRunner, 'erased_participant');
    await queryRunner.query(`DROP TABLE erased_participant`);
  }
}
