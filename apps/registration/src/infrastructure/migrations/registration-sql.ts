// SQL text that several migrations send. Applied migrations use it: what it gives must stay the
// same to the letter (a changed rule is a new migration with its own SQL).

/** The values as an SQL list of strings: `'a', 'b'`. */
export const sqlList = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * The trigger function keeping `session.seats_held`: +1 when a registration enters one of the
 * `holding` statuses (or moves session holding one), -1 when it leaves them; a seat given back
 * also lowers `seats_kept`. `create` is `CREATE` the first time, `CREATE OR REPLACE` after.
 */
export function holdSeatsFunction(
  create: 'CREATE' | 'CREATE OR REPLACE',
  holding: readonly string[],
): string {
  return `
      ${create} FUNCTION registration_hold_seats() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        held_before boolean := TG_OP <> 'INSERT' AND OLD.status IN (${sqlList(holding)});
        held_after  boolean := TG_OP <> 'DELETE' AND NEW.status IN (${sqlList(holding)});
      BEGIN
        IF held_before AND (NOT held_after OR NEW.session_id <> OLD.session_id) THEN
          UPDATE session SET seats_held = seats_held - 1, seats_kept = LEAST(seats_kept, seats_held - 1)
           WHERE tenant_id = OLD.tenant_id AND id = OLD.session_id;
        END IF;
        IF held_after AND (NOT held_before OR NEW.session_id <> OLD.session_id) THEN
          UPDATE session SET seats_held = seats_held + 1
           WHERE tenant_id = NEW.tenant_id AND id = NEW.session_id;
        END IF;
        RETURN NULL;
      END $$`;
}

/**
 * PL/pgSQL statements (at the body's indentation) placing a registration by SessionSeats.place,
 * under the session's lock: a seat when one is free (`s.seats_held < s.capacity`) and nobody
 * waits, else the end of the waitlist, whose position goes into the waitlisted event. The row is
 * inserted unless `participant` already holds an active registration of the session; the
 * caller reads `GET DIAGNOSTICS … = ROW_COUNT` next. Needs the variables `s`, `waiting`, `placed`,
 * `event` and the parameters of `register_in_session`.
 */
export function placeRegistration(participant: string, active: readonly string[]): string {
  return `SELECT count(*) INTO waiting FROM registration
         WHERE tenant_id = p_tenant AND session_id = p_session AND status = 'waitlisted';
        IF s.seats_held < s.capacity AND waiting = 0 THEN
          placed := 'confirmed';
          event := p_confirmed_event;
        ELSE
          placed := 'waitlisted';
          event := jsonb_set(p_waitlisted_event, '{payload,data,position}', to_jsonb(waiting + 1));
        END IF;

        INSERT INTO registration (tenant_id, id, session_id, participant_id, status, origin, confirmed_via, created_at,
                                  status_changed_at)
        VALUES (p_tenant, p_registration, p_session, ${participant}, placed, p_origin,
                CASE WHEN placed = 'confirmed' THEN p_confirmed_via END, p_now, p_now)
        ON CONFLICT (tenant_id, session_id, participant_id) WHERE status IN (${sqlList(active)}) DO NOTHING;`;
}

/**
 * PL/pgSQL (at the body's indentation) storing the answer of a placed registration under the
 * request's idempotency key, when it has one: 201 and the registration as the API shows it.
 */
export const ANSWER_IDEMPOTENCY_KEY = `IF p_idempotency_key IS NOT NULL THEN
          UPDATE idempotency_key
             SET response_status = 201,
                 response_body = jsonb_build_object('id', p_registration, 'sessionId', p_session, 'status', placed)
                   || CASE WHEN placed = 'waitlisted' THEN jsonb_build_object('waitlistPosition', waiting + 1) ELSE '{}'::jsonb END
           WHERE tenant_id = p_tenant AND scope = p_idempotency_scope AND key = p_idempotency_key;
        END IF;`;
