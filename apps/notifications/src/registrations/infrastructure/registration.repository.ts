import { Injectable } from '@nestjs/common';
import { Selectable, sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { jsonb } from '@respire/tenancy';
import { Registration } from '../../infrastructure/database';
import { db } from '../../infrastructure/db';
import { SessionCopy } from '../../sessions/domain/session-copy';
import { SessionRow, toSessionCopy } from '../../sessions/infrastructure/session.repository';
import { RegistrationCopy, RegistrationStatus } from '../domain/registration-copy';

function toCopy(row: Selectable<Registration>): RegistrationCopy {
  return {
    tenantId: row.tenant_id,
    registrationId: row.id,
    sessionId: row.session_id,
    participantId: row.participant_id,
    email: row.email,
    firstName: row.first_name,
    status: row.status,
    links: row.links ?? {},
    notifiedSequence: row.notified_sequence,
    remindersFrom: row.reminders_from,
  };
}

export interface ScheduledRegistration {
  registration: RegistrationCopy;
  session: SessionCopy;
}

/** A registration with its session and whether the participant said anything about reminders. */
export interface RemindableRegistration extends ScheduledRegistration {
  /** The participant's choice, null when they never made one. */
  wantsReminders: boolean | null;
}

@Injectable()
export class RegistrationRepository {
  async find(
    manager: EntityManager,
    tenantId: string,
    registrationId: string,
  ): Promise<RegistrationCopy | null> {
    const row = await db(manager)
      .selectFrom('registration')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', registrationId)
      .executeTakeFirst();
    return row ? toCopy(row) : null;
  }

  /**
   * Records the registration as the latest event describes it. Links accumulate (an offer's
   * accept link, then the confirmation's cancel link); contact details are kept when an event
   * carries none.
   */
  async save(manager: EntityManager, registration: RegistrationCopy): Promise<void> {
    await db(manager)
      .insertInto('registration')
      .values({
        tenant_id: registration.tenantId,
        id: registration.registrationId,
        session_id: registration.sessionId,
        participant_id: registration.participantId,
        email: registration.email,
        first_name: registration.firstName,
        status: registration.status,
        links: jsonb(registration.links),
        notified_sequence: registration.notifiedSequence,
        reminders_from: registration.remindersFrom,
      })
      .onConflict((conflict) =>
        conflict.columns(['tenant_id', 'id']).doUpdateSet((eb) => ({
          session_id: eb.ref('excluded.session_id'),
          email: eb.fn.coalesce('excluded.email', 'registration.email'),
          first_name: eb.fn.coalesce('excluded.first_name', 'registration.first_name'),
          status: eb.ref('excluded.status'),
          links: sql`${eb.ref('registration.links')} || ${eb.ref('excluded.links')}`,
          notified_sequence: eb.fn.coalesce('excluded.notified_sequence', 'registration.notified_sequence'),
          reminders_from: eb.fn.coalesce('excluded.reminders_from', 'registration.reminders_from'),
          updated_at: sql<Date>`now()`,
        })),
      )
      .execute();
  }

  async setStatus(
    manager: EntityManager,
    tenantId: string,
    registrationId: string,
    status: RegistrationStatus,
  ): Promise<void> {
    await db(manager)
      .updateTable('registration')
      .set({ status, updated_at: sql<Date>`now()` })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', registrationId)
      .execute();
  }

  async bySession(
    manager: EntityManager,
    tenantId: string,
    sessionId: string,
    statuses: readonly RegistrationStatus[],
  ): Promise<RegistrationCopy[]> {
    const rows = await db(manager)
      .selectFrom('registration')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('session_id', '=', sessionId)
      .where('status', '=', sql<RegistrationStatus>`ANY(${statuses}::text[])`)
      .orderBy('id')
      .execute();
    return rows.map(toCopy);
  }

  async markNotified(
    manager: EntityManager,
    tenantId: string,
    registrationIds: string[],
    sequence: number,
    remindersFrom: Date | null,
  ): Promise<void> {
    if (registrationIds.length === 0) return;
    await db(manager)
      .updateTable('registration')
      .set((eb) => ({
        notified_sequence: eb.fn<number>('greatest', [
          eb.fn.coalesce('notified_sequence', eb.val(sequence)),
          eb.val(sequence),
        ]),
        reminders_from: eb.fn.coalesce(eb.val(remindersFrom), 'reminders_from'),
        updated_at: sql<Date>`now()`,
      }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', sql<string>`ANY(${registrationIds}::uuid[])`)
      .execute();
  }

  /** Forgets a participant's contact details and links (their registrations' statuses stay, anonymous). */
  async erase(manager: EntityManager, tenantId: string, participantId: string): Promise<RegistrationCopy[]> {
    const rows = await db(manager)
      .updateTable('registration')
      .set({ email: null, first_name: null, links: jsonb({}), updated_at: sql<Date>`now()` })
      .where('tenant_id', '=', tenantId)
      .where('participant_id', '=', participantId)
      .returningAll()
      .execute();
    return rows.map(toCopy);
  }

  /**
   * Published sessions starting after `from` with at least one confirmed participant who has an
   * address, each with the earliest `reminders_from` of those participants (`now` for one never
   * set): what the reminder reconciler plans the sessions' jobs from (earliestReminderPlan, in SQL).
   */
  async sessionsToRemind(
    manager: EntityManager,
    tenantId: string,
    from: Date,
    now: Date,
  ): Promise<{ session: SessionCopy; earliestPlan: Date }[]> {
    const rows = await db(manager)
      .selectFrom('session as s')
      .innerJoin(
        (eb) =>
          eb
            .selectFrom('registration')
            .select('session_id')
            .select(sql<Date>`min(coalesce(reminders_from, ${now}::timestamptz))`.as('earliest_plan'))
            .where('tenant_id', '=', tenantId)
            .where('status', '=', 'confirmed')
            .where('email', 'is not', null)
            .groupBy('session_id')
            .as('r'),
        (join) => join.onRef('r.session_id', '=', 's.id'),
      )
      .selectAll('s')
      .select('r.earliest_plan')
      .where('s.tenant_id', '=', tenantId)
      .where('s.status', '=', 'published')
      .where('s.starts_at', '>', from)
      .orderBy('s.id')
      .execute();
    return rows.map(({ earliest_plan, ...row }) => ({
      session: toSessionCopy(row),
      earliestPlan: new Date(earliest_plan),
    }));
  }

  /**
   * The confirmed registrations of a session with an address (or only these, when given), with
   * the session and their reminder preference, in one query: who a session's reminder job may
   * remind.
   */
  async remindableOfSession(
    manager: EntityManager,
    tenantId: string,
    sessionId: string,
    only?: readonly string[],
  ): Promise<RemindableRegistration[]> {
    const rows = await this.withSession(manager)
      .leftJoin('participant_preference as p', (join) =>
        join.onRef('p.tenant_id', '=', 'r.tenant_id').onRef('p.participant_id', '=', 'r.participant_id'),
      )
      .select('p.reminders as wants_reminders')
      .where('r.tenant_id', '=', tenantId)
      .where('r.session_id', '=', sessionId)
      .where('r.status', '=', 'confirmed')
      .where('r.email', 'is not', null)
      .$if(only !== undefined, (query) => query.where('r.id', '=', sql<string>`ANY(${only}::uuid[])`))
      .orderBy('r.id')
      .execute();
    return rows.map(({ s, wants_reminders, ...row }) => ({
      registration: toCopy(row),
      session: toSessionCopy(s),
      wantsReminders: wants_reminders,
    }));
  }

  /** Attended registrations of sessions that ended in [from, to): feedback requests to make sure of. */
  async attendedEndedBetween(
    manager: EntityManager,
    tenantId: string,
    from: Date,
    to: Date,
  ): Promise<ScheduledRegistration[]> {
    const rows = await this.withSession(manager)
      .where('r.tenant_id', '=', tenantId)
      .where('r.status', '=', 'attended')
      .where('r.email', 'is not', null)
      .where('s.ends_at', '>=', from)
      .where('s.ends_at', '<', to)
      .execute();
    return rows.map(({ s, ...row }) => ({ registration: toCopy(row), session: toSessionCopy(s) }));
  }

  /** Registrations (r) with their whole session row as `s` (to_jsonb: its timestamps are strings). */
  private withSession(manager: EntityManager) {
    return db(manager)
      .selectFrom('registration as r')
      .innerJoin('session as s', (join) =>
        join.onRef('s.tenant_id', '=', 'r.tenant_id').onRef('s.id', '=', 'r.session_id'),
      )
      .selectAll('r')
      .select((eb) => eb.fn<SessionRow>('to_jsonb', [eb.table('s')]).as('s'));
  }
}
