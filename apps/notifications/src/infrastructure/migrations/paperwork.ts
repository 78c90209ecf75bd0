import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRowLevelSecurity, enableTenantRowLevelSecurity } from '@respire/tenancy';

/**
 * `erased_participant` remembers who was erased (an id, nothing else), so that an event about
 * them read after their erasure (another partition, a replay) writes nothing back and sends
 * nothing. `delivery_log_retention_months`: the tenant's own delivery-log retention, null = the
 * default (libs/contracts TENANT_DEFAULTS.retention).
 *
 * `session_message`: a coordinator's message to a session's participants, once per
 * Idempotency-Key; its deliveries name it as their cause (`cause_kind` 'coordinator-message'),
 * so the delivery log's unique (cause, template, recipient) sends it once per person.
 */
export class Paperwork1764600000090 implements MigrationInterface {
  name = 'Paperwork1764600000090';

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
    await queryRunner.query(`ALTER TABLE delivery DROP CONSTRAINT delivery_cause_kind_check`);
    await queryRunner.query(`
      ALTER TABLE delivery ADD CONSTRAINT delivery_cause_kind_check
        CHECK (cause_kind IN ('event', 'reminder', 'feedback-request', 'facilitator-digest', 'coordinator-message'))`);
    await queryRunner.query(`
      CREATE TABLE session_message (
        tenant_id       uuid NOT NULL,
        id              uuid NOT NULL,
        session_id      uuid NOT NULL,
        idempotency_key text NOT NULL,
        request_hash    text NOT NULL,
        subject         text NOT NULL,
        body            text NOT NULL,
        audience        text[] NOT NULL,
        recipients      integer NOT NULL DEFAULT 0,
        sent_by         text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT session_message_once_per_key UNIQUE (tenant_id, idempotency_key)
      )`);
    await queryRunner.query(
      `CREATE INDEX session_message_by_session ON session_message (tenant_id, session_id, created_at)`,
    );
    await enableTenantRowLevelSecurity(queryRunner, 'session_message');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await disableTenantRowLevelSecurity(queryRunner, 'session_message');
    await queryRunner.query(`DROP TABLE session_message`);
    await queryRunner.query(`ALTER TABLE delivery DROP CONSTRAINT delivery_cause_kind_check`);
    await queryRunner.query(`
      ALTER TABLE delivery ADD CONSTRAINT delivery_cause_kind_check
        CHECK (cause_kind IN ('event', 'reminder', 'feedback-request', 'facilitator-digest'))`);
    await queryRunner.query(`DROP INDEX delivery_by_age`);
    await queryRunner.query(`ALTER TABLE tenant_directory DROP COLUMN delivery_log_retention_months`);
    await disableTenantRowLevelSecurity(queryRunner, 'erased_participant');
    await queryRunner.query(`DROP TABLE erased_participant`);
  }
}
