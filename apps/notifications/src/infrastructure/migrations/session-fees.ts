import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fees in messages: a session's price (catalog.session.published) and how the CPTS is paid
 * (its settings; NULL reads as libs/contracts TENANT_DEFAULTS.paymentInstructions).
 */
export class SessionFees1763920000090 implements MigrationInterface {
  name = 'SessionFees1763920000090';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE session ADD COLUMN price_cents integer NOT NULL DEFAULT 0 CHECK (price_cents >= 0)`,
    );
    await q.query(`ALTER TABLE tenant_directory ADD COLUMN payment_instructions jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tenant_directory DROP COLUMN payment_instructions`);
    await q.query(`ALTER TABLE session DROP COLUMN price_cents`);
  }
}
