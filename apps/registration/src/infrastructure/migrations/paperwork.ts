import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRowLevelSecurity, enableTenantRowLevelSecurity } from '@respire/tenancy';

/**
 * The coordinator's paperwork (issue 17, parts 1 and 2).
 *
 * The session copy keeps what an attendance sheet names (facilitator, programme, funder: from
 * catalog.session.published), and the tenant directory how the CPTS is paid.
 *
 * `payment`: money a participant paid to the CPTS for a registration, in integer cents. Recorded
 * once per Idempotency-Key (UNIQUE): a retried or doubled request finds the row and counts
 * nothing twice. `receipt_number` runs per CPTS (the receipt's « n° »). A payment is never
 * deleted nor changed, only voided; no foreign key to the registration, so that erasing a
 * participant leaves the amounts collected intact (the row holds no personal data).
 *
 * `payment_history`: every change of a payment (recorded, voided) with who and when. Append-only:
 * a trigger refuses UPDATE and DELETE, whoever asks.
 */
export class Paperwork1763910000090 implements MigrationInterface {
  name = 'Paperwork1763910000090';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE session ADD COLUMN facilitator_name text, ADD COLUMN programme_title text, ADD COLUMN funder text`,
    );
    await q.query(`ALTER TABLE tenant_directory ADD COLUMN payment_instructions jsonb`);
    await q.query(`
      CREATE TABLE payment (
        tenant_id        uuid NOT NULL,
        id               uuid NOT NULL,
        registration_id  uuid NOT NULL,
        session_id       uuid NOT NULL,
        amount_cents     integer NOT NULL CHECK (amount_cents > 0),
        method           text NOT NULL CHECK (method IN ('cash', 'cheque', 'bank-transfer', 'card', 'online')),
        paid_on          date NOT NULL,
        reference        text,
        receipt_number   integer NOT NULL,
        idempotency_key  text NOT NULL,
        recorded_by      text NOT NULL,
        recorded_at      timestamptz NOT NULL,
        voided_at        timestamptz,
        voided_by        text,
        void_reason      text,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, session_id) REFERENCES session (tenant_id, id),
        CONSTRAINT payment_once_per_key UNIQUE (tenant_id, idempotency_key),
        CONSTRAINT payment_receipt_number UNIQUE (tenant_id, receipt_number)
      )`);
    await q.query(`CREATE INDEX payment_by_session ON payment (tenant_id, session_id)`);
    await q.query(`CREATE INDEX payment_by_registration ON payment (tenant_id, registration_id)`);
    await q.query(`
      CREATE TABLE payment_history (
        tenant_id   uuid NOT NULL,
        seq         bigint GENERATED ALWAYS AS IDENTITY,
        payment_id  uuid NOT NULL,
        change      text NOT NULL CHECK (change IN ('recorded', 'voided')),
        payment     jsonb NOT NULL,
        actor       text NOT NULL,
        at          timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, seq)
      )`);
    await q.query(`CREATE INDEX payment_history_by_payment ON payment_history (tenant_id, payment_id, seq)`);
    await q.query(`
      CREATE FUNCTION payment_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'payment_history is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER payment_history_append_only BEFORE UPDATE OR DELETE ON payment_history
        FOR EACH ROW EXECUTE FUNCTION payment_history_append_only()`);
    await enableTenantRowLevelSecurity(q, 'payment');
    await enableTenantRowLevelSecurity(q, 'payment_history');
  }

  async down(q: QueryRunner): Promise<void> {
    await disableTenantRowLevelSecurity(q, 'payment_history');
    await disableTenantRowLevelSecurity(q, 'payment');
    await q.query(`DROP TABLE payment_history`);
    await q.query(`DROP FUNCTION payment_history_append_only()`);
    await q.query(`DROP TABLE payment`);
    await q.query(`ALTER TABLE tenant_directory DROP COLUMN payment_instructions`);
    await q.query(
      `ALTER TABLE session DROP COLUMN facilitator_name, DROP COLUMN programme_title, DROP COLUMN funder`,
    );
  }
}
