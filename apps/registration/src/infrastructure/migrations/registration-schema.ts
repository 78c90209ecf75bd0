import { MigrationInterface, QueryRunner } from 'typeorm';
import { holdSeatsFunction } from './registration-sql';
import { disableTenantRowLevelSecurity, enableTenantRowLevelSecurity } from '@respire/tenancy';

const TENANT_TABLES = ['session', 'participant', 'registration', 'idempotency_key', 'feedback'];

/**
 * The registration database.
 *
 * Seats: `session.seats_held` counts the registrations holding a seat (confirmed or offered, and
 * once checked in, attended or no-show: checking people in must not free seats for newcomers). A
 * trigger on `registration` maintains it from the status changes themselves, so it cannot drift
 * from the rows, and a CHECK refuses any transaction that would hold more seats than the
 * capacity: even a code path that forgot to lock the session could not oversell. When catalog
 * lowers a capacity below the seats already held, those people keep their seat: `seats_kept`
 * records how many, shrinking as they leave, and no new seat is handed out until the session is
 * back under its capacity.
 *
 * Every change of a registration's status first locks its session row (SELECT … FOR UPDATE):
 * that serialises the seat decisions of one session across API instances and gives the
 * waitlist its first-come-first-served order (`seq`), from which positions are computed.
 *
 * `tenant_directory` maps a CPTS's public slug to its id and holds the settings the seat rules
 * need. It is the list of tenants itself (no personal data), so it has no row-level security:
 * the public routes resolve a slug before any tenant is known, and the worker's sweep walks it.
 */
export class RegistrationSchema1763910000000 implements MigrationInterface {
  name = 'RegistrationSchema1763910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tenant_directory (
        tenant_id                 uuid PRIMARY KEY,
        slug                      text UNIQUE,
        name                      text,
        timezone                  text NOT NULL DEFAULT 'Europe/Paris',
        waitlist_mode             text NOT NULL DEFAULT 'offer' CHECK (waitlist_mode IN ('offer', 'auto-confirm')),
        offer_ttl_minutes         integer NOT NULL DEFAULT 1440 CHECK (offer_ttl_minutes > 0),
        offer_cutoff_minutes      integer NOT NULL DEFAULT 120 CHECK (offer_cutoff_minutes >= 0),
        late_cancellation_minutes integer NOT NULL DEFAULT 1440 CHECK (late_cancellation_minutes >= 0),
        updated_at                timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE session (
        tenant_id              uuid NOT NULL,
        id                     uuid NOT NULL,
        activity_id            uuid NOT NULL,
        programme_id           uuid,
        title                  text NOT NULL,
        category               text NOT NULL,
        confidential           boolean NOT NULL,
        starts_at              timestamptz NOT NULL,
        ends_at                timestamptz NOT NULL,
        timezone               text NOT NULL,
        venue                  jsonb NOT NULL,
        facilitator_id         uuid,
        capacity               integer NOT NULL CHECK (capacity > 0),
        registration_opens_at  timestamptz,
        registration_closes_at timestamptz,
        eligible_professions   text[] NOT NULL DEFAULT '{}',
        price_cents            integer NOT NULL DEFAULT 0,
        sequence               integer NOT NULL DEFAULT 0,
        status                 text NOT NULL CHECK (status IN ('published', 'cancelled', 'completed')),
        cancellation_reason    text,
        seats_held             integer NOT NULL DEFAULT 0,
        seats_kept             integer NOT NULL DEFAULT 0,
        updated_at             timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT session_seats_never_oversold
          CHECK (seats_held >= 0 AND seats_held <= GREATEST(capacity, seats_kept))
      )`);
    await queryRunner.query(`CREATE INDEX session_by_activity ON session (tenant_id, activity_id)`);
    await queryRunner.query(
      `CREATE INDEX session_by_end ON session (tenant_id, ends_at) WHERE status <> 'cancelled'`,
    );

    await queryRunner.query(`
      CREATE TABLE participant (
        tenant_id     uuid NOT NULL,
        id            uuid NOT NULL,
        email         text NOT NULL,
        first_name    text NOT NULL,
        last_name     text NOT NULL,
        profession    text NOT NULL,
        practice_mode text NOT NULL,
        postcode      text NOT NULL,
        department    text NOT NULL,
        rpps          text,
        consents      jsonb NOT NULL,
        created_at    timestamptz NOT NULL,
        updated_at    timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        CONSTRAINT participant_one_per_email UNIQUE (tenant_id, email)
      )`);

    await queryRunner.query(`
      CREATE TABLE registration (
        tenant_id           uuid NOT NULL,
        id                  uuid NOT NULL,
        seq                 bigint GENERATED ALWAYS AS IDENTITY,
        session_id          uuid NOT NULL,
        participant_id      uuid NOT NULL,
        status              text NOT NULL CHECK (status IN
                              ('confirmed', 'waitlisted', 'offered', 'cancelled', 'declined', 'expired', 'attended', 'no_show')),
        origin              text NOT NULL CHECK (origin IN ('public', 'coordinator', 'import')),
        confirmed_via       text CHECK (confirmed_via IN ('direct', 'offer', 'auto-promotion', 'coordinator')),
        created_at          timestamptz NOT NULL,
        status_changed_at   timestamptz NOT NULL,
        offered_at          timestamptz,
        offer_expires_at    timestamptz,
        cancelled_by        text CHECK (cancelled_by IN ('participant', 'coordinator', 'session-cancelled')),
        cancellation_reason text,
        late_cancellation   boolean,
        moved_from          uuid,
        feedback_given      boolean NOT NULL DEFAULT false,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, session_id) REFERENCES session (tenant_id, id),
        FOREIGN KEY (tenant_id, participant_id) REFERENCES participant (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT registration_offer_has_expiry CHECK (status <> 'offered' OR offer_expires_at IS NOT NULL)
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX registration_one_active_per_participant
        ON registration (tenant_id, session_id, participant_id)
        WHERE status IN ('confirmed', 'waitlisted', 'offered')`);
    await queryRunner.query(
      `CREATE INDEX registration_by_session ON registration (tenant_id, session_id, status, seq)`,
    );
    await queryRunner.query(
      `CREATE INDEX registration_by_participant ON registration (tenant_id, participant_id)`,
    );
    await queryRunner.query(`
      CREATE INDEX registration_pending_offers ON registration (tenant_id, offer_expires_at) WHERE status = 'offered'`);

    // The seat counter follows the rows: +1 entering a seat-holding status, -1 leaving them.
    // The statuses as they were then (RegisterInSession derives them from libs/contracts).
    await queryRunner.query(holdSeatsFunction('CREATE', ['confirmed', 'offered', 'attended', 'no_show']));
    await queryRunner.query(`
      CREATE TRIGGER registration_hold_seats
        AFTER INSERT OR UPDATE OF status, session_id OR DELETE ON registration
        FOR EACH ROW EXECUTE FUNCTION registration_hold_seats()`);

    await queryRunner.query(`
      CREATE TABLE idempotency_key (
        tenant_id       uuid NOT NULL,
        scope           text NOT NULL,
        key             text NOT NULL,
        request_hash    text NOT NULL,
        response_status integer,
        response_body   jsonb,
        created_at      timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, scope, key)
      )`);
    await queryRunner.query(`CREATE INDEX idempotency_key_by_age ON idempotency_key (tenant_id, created_at)`);

    // Feedback is kept apart from identity: no registration or participant id, a random id, the day only.
    await queryRunner.query(`
      CREATE TABLE feedback (
        tenant_id     uuid NOT NULL,
        id            uuid NOT NULL,
        session_id    uuid NOT NULL,
        activity_id   uuid NOT NULL,
        rating        smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        comment       text,
        quote_consent boolean NOT NULL,
        submitted_on  date NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await queryRunner.query(`CREATE INDEX feedback_by_session ON feedback (tenant_id, session_id)`);

    for (const table of TENANT_TABLES) await enableTenantRowLevelSecurity(queryRunner, table);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TENANT_TABLES].reverse()) await disableTenantRowLevelSecurity(queryRunner, table);
    await queryRunner.query(`DROP TABLE feedback`);
    await queryRunner.query(`DROP TABLE idempotency_key`);
    await queryRunner.query(`DROP TABLE registration`);
    await queryRunner.query(`DROP FUNCTION registration_hold_seats()`);
    await queryRunner.query(`DROP TABLE participant`);
    await queryRunner.query(`DROP TABLE session`);
    await queryRunner.query(`DROP TABLE tenant_directory`);
  }
}
