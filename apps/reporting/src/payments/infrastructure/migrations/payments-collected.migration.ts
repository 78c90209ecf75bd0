import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRowLevelSecurity, enableTenantRowLevelSecurity } from '@respire/tenancy';

/**
 * Amounts collected (registration.payment-recorded / -voided), kept apart from the read-model
 * generations: one row per payment, no personal data, filled by its own consumer (group
 * `reporting`) and read by the funder report and its CSV. A payment id is recorded once, so a
 * redelivered event or a replay counts nothing twice; a rebuild of the generations leaves it be.
 */
export class PaymentsCollected1764600000000 implements MigrationInterface {
  name = 'PaymentsCollected1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payment_collected (
        tenant_id     uuid NOT NULL,
        payment_id    uuid NOT NULL,
        session_id    uuid NOT NULL,
        activity_id   uuid NOT NULL,
        programme_id  uuid,
        amount_cents  integer NOT NULL CHECK (amount_cents > 0),
        method        text NOT NULL,
        paid_on       date NOT NULL,
        voided_at     timestamptz,
        PRIMARY KEY (tenant_id, payment_id)
      )`);
    await q.query(`CREATE INDEX payment_collected_by_day ON payment_collected (tenant_id, paid_on)`);
    await enableTenantRowLevelSecurity(q, 'payment_collected');
  }

  async down(q: QueryRunner): Promise<void> {
    await disableTenantRowLevelSecurity(q, 'payment_collected');
    await q.query(`DROP TABLE payment_collected`);
  }
}
