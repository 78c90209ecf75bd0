import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How participants pay a session with a price (libs/contracts paymentInstructionsSchema). NULL
 * reads as TENANT_DEFAULTS.paymentInstructions (the one definition), so no default is written here.
 */
export class TenantPaymentInstructions1764600000002 implements MigrationInterface {
  name = 'TenantPaymentInstructions1764600000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tenants ADD COLUMN payment_instructions jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tenants DROP COLUMN payment_instructions`);
  }
}
