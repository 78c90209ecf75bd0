import { MigrationInterface, QueryRunner } from 'typeorm';
import { ACTIVE_REGISTRATION_STATUSES } from '@respire/contracts';
import { RegisterInSession1763910000070 } from './register-in-session';

import { ANSWER_IDEMPOTENCY_KEY, placeRegistration, sqlList as list } from './registration-sql';

/** SQLSTATE of a race lost after a write: everything rolled back, call again. */
export const REGISTER_NEWCOMER_RACED = 'RG001';

/**
 * `register_newcomer(…)`: a whole registration in ONE round trip and ONE implicit transaction
 * (no BEGIN, no COMMIT from the service), replacing `register_in_session`. The session lock is
 * thus held from the lock to the commit inside PostgreSQL, never across a round trip to the
 * service (whose event loop, on a busy machine, would hold every other registrant of the session
 * waiting).
 *
 * The caller (RegisterParticipantUseCase) decided everything else before: the tenant, the session
 * as it validated it (its version), the participant it built both possible events for (the form's
 * details with a new id, or the stored participant the function answered before), the request hash.
 * The function checks each of those assumptions and answers without writing when one fails:
 *   `replay`      the idempotency key is known: its request hash and stored answer;
 *   `gone`        no such session;
 *   `changed`     the session row moved since it was validated: re-read, re-validate, call again;
 *   `participant` the address is known with other details or id: the stored participant (the
 *                 events must name them), call again with it;
 *   `held`        the participant already holds a registration of the session;
 *   `retry`       a concurrent request created the same participant: call again.
 * Then it writes: the participant if new, the idempotency claim, and under the session lock the
 * registration placed by SessionSeats.place (a seat only when one is free and nobody waits, else
 * the end of the waitlist), its event in the outbox and the idempotency answer. A race lost after
 * a write (the key claimed or the session changed meanwhile, the participant registered by a
 * concurrent request) raises REGISTER_NEWCOMER_RACED: everything is rolled back; call again.
 * No NOTIFY here: the caller wakes the relay after the commit (OutboxWake says why).
 * PL/pgSQL takes a new snapshot per statement, so the waitlist count sees every registration
 * committed before the lock was granted.
 */
export class RegisterNewcomer1764600000100 implements MigrationInterface {
  name = 'RegisterNewcomer1764600000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION register_newcomer(
        p_tenant uuid, p_session uuid, p_version text, p_registration uuid, p_participant jsonb, p_origin text,
        p_confirmed_via text, p_now timestamptz, p_confirmed_event jsonb, p_waitlisted_event jsonb,
        p_idempotency_scope text, p_idempotency_key text, p_request_hash text)
      RETURNS TABLE (outcome text, waitlist_position integer, participant jsonb, request_hash text, answer_status integer,
                     answer_body jsonb)
      LANGUAGE plpgsql AS $$
      DECLARE
        k record;
        s record;
        stored jsonb;
        v_participant uuid := (p_participant->>'id')::uuid;
        waiting integer;
        placed text;
        event jsonb;
        written integer;
      BEGIN
        PERFORM set_config('app.tenant_id', p_tenant::text, true);

        IF p_idempotency_key IS NOT NULL THEN
          SELECT i.request_hash, i.response_status, i.response_body INTO k FROM idempotency_key i
           WHERE i.tenant_id = p_tenant AND i.scope = p_idempotency_scope AND i.key = p_idempotency_key;
          IF FOUND THEN
            RETURN QUERY SELECT 'replay'::text, NULL::integer, NULL::jsonb, k.request_hash, k.response_status, k.response_body;
            RETURN;
          END IF;
        END IF;

        SELECT updated_at::text AS version INTO s FROM session WHERE tenant_id = p_tenant AND id = p_session;
        IF NOT FOUND THEN
          RETURN QUERY SELECT 'gone'::text, NULL::integer, NULL::jsonb, NULL::text, NULL::integer, NULL::jsonb;
          RETURN;
        END IF;
        IF s.version <> p_version THEN
          RETURN QUERY SELECT 'changed'::text, NULL::integer, NULL::jsonb, NULL::text, NULL::integer, NULL::jsonb;
          RETURN;
        END IF;

        SELECT jsonb_build_object('id', p.id, 'email', p.email, 'first_name', p.first_name, 'last_name', p.last_name,
                 'profession', p.profession, 'practice_mode', p.practice_mode, 'postcode', p.postcode,
                 'department', p.department, 'rpps', p.rpps, 'consents', p.consents)
          INTO stored FROM participant p WHERE p.tenant_id = p_tenant AND p.email = p_participant->>'email';
        IF FOUND THEN
          IF stored <> p_participant THEN
            RETURN QUERY SELECT 'participant'::text, NULL::integer, stored, NULL::text, NULL::integer, NULL::jsonb;
            RETURN;
          END IF;
          IF EXISTS (SELECT 1 FROM registration r WHERE r.tenant_id = p_tenant AND r.session_id = p_session
                        AND r.participant_id = v_participant AND r.status IN (${list(ACTIVE_REGISTRATION_STATUSES)})) THEN
            RETURN QUERY SELECT 'held'::text, NULL::integer, NULL::jsonb, NULL::text, NULL::integer, NULL::jsonb;
            RETURN;
          END IF;
        ELSE
          INSERT INTO participant (tenant_id, id, email, first_name, last_name, profession, practice_mode, postcode,
                                   department, rpps, consents, created_at, updated_at)
          VALUES (p_tenant, v_participant, p_participant->>'email', p_participant->>'first_name', p_participant->>'last_name',
                  p_participant->>'profession', p_participant->>'practice_mode', p_participant->>'postcode',
                  p_participant->>'department', p_participant->>'rpps', p_participant->'consents', p_now, p_now)
          ON CONFLICT (tenant_id, email) DO NOTHING;
          GET DIAGNOSTICS written = ROW_COUNT;
          IF written = 0 THEN
            RETURN QUERY SELECT 'retry'::text, NULL::integer, NULL::jsonb, NULL::text, NULL::integer, NULL::jsonb;
            RETURN;
          END IF;
        END IF;

        IF p_idempotency_key IS NOT NULL THEN
          INSERT INTO idempotency_key (tenant_id, scope, key, request_hash, created_at)
          VALUES (p_tenant, p_idempotency_scope, p_idempotency_key, p_request_hash, p_now)
          ON CONFLICT DO NOTHING;
          GET DIAGNOSTICS written = ROW_COUNT;
          IF written = 0 THEN
            RAISE EXCEPTION 'register_newcomer: idempotency key claimed concurrently' USING ERRCODE = '${REGISTER_NEWCOMER_RACED}';
          END IF;
        END IF;

        -- From here to the commit, the session's other registrants wait.
        SELECT capacity, seats_held, updated_at::text AS version INTO s
          FROM session WHERE tenant_id = p_tenant AND id = p_session FOR UPDATE;
        IF NOT FOUND OR s.version <> p_version THEN
          RAISE EXCEPTION 'register_newcomer: session changed concurrently' USING ERRCODE = '${REGISTER_NEWCOMER_RACED}';
        END IF;

        ${placeRegistration('v_participant', ACTIVE_REGISTRATION_STATUSES)}
        GET DIAGNOSTICS written = ROW_COUNT;
        IF written = 0 THEN
          RAISE EXCEPTION 'register_newcomer: registered concurrently' USING ERRCODE = '${REGISTER_NEWCOMER_RACED}';
        END IF;

        INSERT INTO outbox (id, tenant_id, topic, key, type, payload, headers)
        VALUES ((event->>'id')::uuid, p_tenant, event->>'topic', event->>'key', event->>'type', event->'payload', event->'headers');

        ${ANSWER_IDEMPOTENCY_KEY}
        RETURN QUERY SELECT placed, CASE WHEN placed = 'waitlisted' THEN waiting + 1 END, NULL::jsonb, NULL::text,
                            NULL::integer, NULL::jsonb;
      END $$`);
    // The session as a registration validates it, read in one implicit transaction (the tenant set inside).
    await queryRunner.query(`
      CREATE FUNCTION session_of(p_tenant uuid, p_session uuid) RETURNS SETOF session LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM set_config('app.tenant_id', p_tenant::text, true);
        RETURN QUERY SELECT * FROM session WHERE tenant_id = p_tenant AND id = p_session;
      END $$`);
    await queryRunner.query(
      `DROP FUNCTION register_in_session(uuid, uuid, text, uuid, uuid, text, text, timestamptz, jsonb, jsonb, text, text)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION session_of(uuid, uuid)`);
    await queryRunner.query(
      `DROP FUNCTION register_newcomer(uuid, uuid, text, uuid, jsonb, text, text, timestamptz, jsonb, jsonb, text, text, text)`,
    );
    await new RegisterInSession1763910000070().up(queryRunner);
  }
}
