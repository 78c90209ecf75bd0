import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRowLevelSecurity, enableTenantRowLevelSecurity } from '@respire/tenancy';

const TABLES = ['session_alert', 'alert_batch', 'alert_batch_session'];

/**
 * "Tell me when new sessions open" (apps/notifications/README.md, Alerts).
 *
 * `session_alert`: one address asking about one category of a CPTS, `pending` until the link
 * mailed to it is followed (double opt-in), then `confirmed`, or `unsubscribed`.
 * `alert_batch`: sessions published close together (a coordinator publishing a series) are
 * announced in one digest: at most one `open` batch per tenant, whose `due_at` moves on with
 * each publication; when it falls due the batch is sent once (deliveries are unique per batch
 * and recipient) and closed. `alert_batch_session`: what a batch announces; a session is
 * announced once (its primary key), whatever is redelivered.
 */
export class SessionAlerts1763920000004 implements MigrationInterface {
  name = 'SessionAlerts1763920000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE session_alert (
        tenant_id       uuid NOT NULL,
        alert_id        uuid NOT NULL,
        email           text NOT NULL,
        category        text NOT NULL,
        status          text NOT NULL CHECK (status IN ('pending', 'confirmed', 'unsubscribed')),
        created_at      timestamptz NOT NULL,
        confirmed_at    timestamptz,
        unsubscribed_at timestamptz,
        PRIMARY KEY (tenant_id, alert_id)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX session_alert_one_per_address ON session_alert (tenant_id, lower(email), category)`,
    );
    await queryRunner.query(`
      CREATE TABLE alert_batch (
        tenant_id  uuid NOT NULL,
        batch_id   uuid NOT NULL,
        status     text NOT NULL CHECK (status IN ('open', 'sent')),
        due_at     timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        sent_at    timestamptz,
        PRIMARY KEY (tenant_id, batch_id)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX alert_batch_one_open ON alert_batch (tenant_id) WHERE status = 'open'`,
    );
    await queryRunner.query(`
      CREATE TABLE alert_batch_session (
        tenant_id    uuid NOT NULL,
        session_id   uuid NOT NULL,
        batch_id     uuid NOT NULL,
        category     text NOT NULL,
        title        text NOT NULL,
        confidential boolean NOT NULL,
        starts_at    timestamptz NOT NULL,
        ends_at      timestamptz NOT NULL,
        timezone     text NOT NULL,
        venue_name   text,
        PRIMARY KEY (tenant_id, session_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX alert_batch_session_batch ON alert_batch_session (tenant_id, batch_id)`,
    );
    for (const table of TABLES) await enableTenantRowLevelSecurity(queryRunner, table);
    await queryRunner.query(`ALTER TABLE delivery DROP CONSTRAINT delivery_cause_kind_check`);
    await queryRunner.query(`
      ALTER TABLE delivery ADD CONSTRAINT delivery_cause_kind_check
        CHECK (cause_kind IN ('event', 'reminder', 'feedback-request', 'facilitator-digest', 'alert'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE delivery DROP CONSTRAINT delivery_cause_kind_check`);
    await queryRunner.query(`
      ALTER TABLE delivery ADD CONSTRAINT delivery_cause_kind_check
        CHECK (cause_kind IN ('event', 'reminder', 'feedback-request', 'facilitator-digest'))`);
    for (const table of [...TABLES].reverse()) {
      await disableTenantRowLevelSecurity(queryRunner, table);
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
