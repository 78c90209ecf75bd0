import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRowLevelSecurity, enableTenantRowLevelSecurity } from '@respire/tenancy';

const TENANT_TABLES = [
  'activity',
  'session',
  'registration',
  'participant_preference',
  'delivery',
  'template_override',
  'facilitator_contact',
];

/**
 * The notifications database.
 *
 * `delivery` is the delivery log and the send queue's source of truth: one row per
 * (tenant, cause, template, recipient) — the UNIQUE constraint is what makes a redelivered
 * event, a replayed reminder job or a racing reconciler produce one message, not two. The row
 * is written in the transaction that handles the cause (the consumed event or the reminder
 * job); the BullMQ send job (job id = delivery id) is only added after that commit, and a sweep
 * re-adds jobs for rows still unfinished, so neither a crash nor a flushed Redis loses one.
 *
 * `session`, `activity` and `registration` are this service's copies of what the catalog and
 * registration events said, enough to write messages and plan reminders; `registration` holds
 * the participant's email and first name only as long as the registration service does
 * (registration.participant-erased deletes them).
 *
 * `tenant_directory` is the list of tenants and their message settings (no personal data), with
 * no row-level security: the worker's sweeps walk it before any tenant is set.
 */
export class NotificationsSchema1763920000000 implements MigrationInterface {
  name = 'NotificationsSchema1763920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tenant_directory (
        tenant_id                uuid PRIMARY KEY,
        slug                     text,
        name                     text,
        timezone                 text NOT NULL DEFAULT 'Europe/Paris',
        locale                   text NOT NULL DEFAULT 'fr',
        sender_email             text,
        branding                 jsonb NOT NULL DEFAULT '{}'::jsonb,
        reminder_offsets_minutes integer[] NOT NULL DEFAULT '{2880,180}',
        listening_lines          jsonb,
        privacy_contact          text,
        settings_from            timestamptz,
        updated_at               timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE activity (
        tenant_id      uuid NOT NULL,
        id             uuid NOT NULL,
        title          text NOT NULL,
        confidential   boolean NOT NULL,
        facilitator_id uuid,
        updated_from   timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);

    await queryRunner.query(`
      CREATE TABLE session (
        tenant_id           uuid NOT NULL,
        id                  uuid NOT NULL,
        activity_id         uuid,
        title               text NOT NULL,
        confidential        boolean NOT NULL,
        starts_at           timestamptz NOT NULL,
        ends_at             timestamptz NOT NULL,
        timezone            text NOT NULL,
        venue               jsonb NOT NULL,
        facilitator_id      uuid,
        sequence            integer NOT NULL DEFAULT 0 CHECK (sequence >= 0),
        status              text NOT NULL CHECK (status IN ('published', 'cancelled', 'completed')),
        cancellation_reason text,
        updated_at          timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);
    await queryRunner.query(`CREATE INDEX session_by_activity ON session (tenant_id, activity_id)`);
    await queryRunner.query(
      `CREATE INDEX session_upcoming ON session (tenant_id, starts_at) WHERE status = 'published'`,
    );

    await queryRunner.query(`
      CREATE TABLE registration (
        tenant_id         uuid NOT NULL,
        id                uuid NOT NULL,
        session_id        uuid NOT NULL,
        participant_id    uuid NOT NULL,
        email             text,
        first_name        text,
        status            text NOT NULL CHECK (status IN
                            ('confirmed', 'waitlisted', 'offered', 'cancelled', 'declined', 'expired', 'attended', 'no_show')),
        links             jsonb NOT NULL DEFAULT '{}'::jsonb,
        notified_sequence integer,
        reminders_from    timestamptz,
        updated_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);
    await queryRunner.query(
      `CREATE INDEX registration_by_session ON registration (tenant_id, session_id, status)`,
    );
    await queryRunner.query(
      `CREATE INDEX registration_by_participant ON registration (tenant_id, participant_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE participant_preference (
        tenant_id         uuid NOT NULL,
        participant_id    uuid NOT NULL,
        reminders         boolean NOT NULL DEFAULT true,
        feedback_requests boolean NOT NULL DEFAULT true,
        updated_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, participant_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE delivery (
        tenant_id            uuid NOT NULL,
        id                   uuid NOT NULL,
        cause_id             uuid NOT NULL,
        cause_kind           text NOT NULL DEFAULT 'event'
                               CHECK (cause_kind IN ('event', 'reminder', 'feedback-request', 'facilitator-digest')),
        correlation_id       text,
        template             text NOT NULL,
        channel              text NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'sms')),
        recipient            text NOT NULL,
        recipient_masked     text NOT NULL,
        recipient_name       text,
        registration_id      uuid,
        participant_id       uuid,
        session_id           uuid,
        context              jsonb NOT NULL,
        calendar             jsonb,
        status               text NOT NULL DEFAULT 'pending'
                               CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
        attempts             integer NOT NULL DEFAULT 0,
        interrupted_attempts integer NOT NULL DEFAULT 0,
        message_id           text,
        provider_message_id  text,
        error                text,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        sent_at              timestamptz,
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT delivery_once_per_cause_template_recipient UNIQUE (tenant_id, cause_id, template, recipient)
      )`);
    await queryRunner.query(`
      CREATE INDEX delivery_unfinished ON delivery (tenant_id, updated_at) WHERE status IN ('pending', 'sending')`);
    await queryRunner.query(`CREATE INDEX delivery_by_registration ON delivery (tenant_id, registration_id)`);
    await queryRunner.query(`CREATE INDEX delivery_by_participant ON delivery (tenant_id, participant_id)`);

    await queryRunner.query(`
      CREATE TABLE template_override (
        tenant_id  uuid NOT NULL,
        key        text NOT NULL,
        subject    text NOT NULL,
        html       text NOT NULL,
        text       text NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, key)
      )`);

    await queryRunner.query(`
      CREATE TABLE facilitator_contact (
        tenant_id      uuid NOT NULL,
        facilitator_id uuid NOT NULL,
        name           text NOT NULL,
        email          text NOT NULL,
        updated_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, facilitator_id)
      )`);

    for (const table of TENANT_TABLES) await enableTenantRowLevelSecurity(queryRunner, table);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TENANT_TABLES].reverse()) await disableTenantRowLevelSecurity(queryRunner, table);
    for (const table of [...TENANT_TABLES].reverse()) await queryRunner.query(`DROP TABLE "${table}"`);
    await queryRunner.query(`DROP TABLE tenant_directory`);
  }
}
