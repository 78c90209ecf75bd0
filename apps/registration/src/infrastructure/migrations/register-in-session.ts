import { MigrationInterface, QueryRunner } from 'typeorm';
import { ACTIVE_REGISTRATION_STATUSES, SEAT_HOLDING_STATUSES } from '@respire/contracts';
import { OUTBOX_CHANNEL } from '@respire/messaging';

import { ANSWER_IDEMPOTENCY_KEY, holdSeatsFunction, placeRegistration } from './registration-sql';

/**
 * Seat rules in the database, derived from their one definition:
 *
 * - `registration_hold_seats()`, the trigger keeping `session.seats_held`, is generated from
 *   libs/contracts SEAT_HOLDING_STATUSES (it listed them by hand). A test checks the trigger
 *   counts exactly those statuses, so a change of the list without a new migration fails.
 *
 * - `register_in_session(…)`: the part of a registration that needs the session's lock, in ONE
 *   round trip (the lock is held from this call to COMMIT, nothing else). It locks the session,
 *   gives up with `changed` if the row moved since the caller validated it (catalog update,
 *   cancellation: the caller re-validates under the lock and calls again), places the newcomer by
 *   SessionSeats.place — a seat only when one is free and nobody waits, else the end of the
 *   waitlist — inserts the registration, the outbox row of the matching event (the caller builds
 *   both; the waitlisted one gets its position here) and the idempotency answer. `held` when the
 *   participant already holds a registration of the session (nothing written).
 *   PL/pgSQL takes a new snapshot per statement, so the waitlist count sees every registration
 *   committed before the lock was granted.
 */
export class RegisterInSession1763910000070 implements MigrationInterface {
  name = 'RegisterInSession1763910000070';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(holdSeatsFunction('CREATE OR REPLACE', SEAT_HOLDING_STATUSES));

    await queryRunner.query(`
      CREATE FUNCTION register_in_session(
        p_tenant uuid, p_session uuid, p_version text, p_registration uuid, p_participant uuid, p_origin text,
        p_confirmed_via text, p_now timestamptz, p_confirmed_event jsonb, p_waitlisted_event jsonb,
        p_idempotency_scope text, p_idempotency_key text)
      RETURNS TABLE (outcome text, waitlist_position integer) LANGUAGE plpgsql AS $$
      DECLARE
        s record;
        waiting integer;
        placed text;
        event jsonb;
        inserted integer;
      BEGIN
        SELECT capacity, seats_held, updated_at::text AS version INTO s
          FROM session WHERE tenant_id = p_tenant AND id = p_session FOR UPDATE;
        IF NOT FOUND THEN RETURN QUERY SELECT 'gone'::text, NULL::integer; RETURN; END IF;
        IF s.version <> p_version THEN RETURN QUERY SELECT 'changed'::text, NULL::integer; RETURN; END IF;

        ${placeRegistration('p_participant', ACTIVE_REGISTRATION_STATUSES)}
        GET DIAGNOSTICS inserted = ROW_COUNT;
        IF inserted = 0 THEN RETURN QUERY SELECT 'held'::text, NULL::integer; RETURN; END IF;

        INSERT INTO outbox (id, tenant_id, topic, key, type, payload, headers)
        VALUES ((event->>'id')::uuid, p_tenant, event->>'topic', event->>'key', event->>'type', event->'payload', event->'headers');
        PERFORM pg_notify('${OUTBOX_CHANNEL}', '');

        ${ANSWER_IDEMPOTENCY_KEY}
        RETURN QUERY SELECT placed, CASE WHEN placed = 'waitlisted' THEN waiting + 1 END;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP FUNCTION register_in_session(uuid, uuid, text, uuid, uuid, text, text, timestamptz, jsonb, jsonb, text, text)`,
    );
  }
}
