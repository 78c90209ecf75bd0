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
   * Confirmed registrations of published sessions starting after `from`, with their session:
   * what the reminder reconciler rebuilds jobs from. Keyset-paginated by registration id.
   */
  async confirmedUpcoming(
    manager: EntityManager,
    tenantId: string,
    from: Date,
    after: string | null,
    limit: number,
  ): Promise<ScheduledRegistration[]> {
    const rows = await this.withSession(manager)
      .where('r.tenant_id', '=', tenantId)
      .where('r.status', '=', 'confirmed')
      .where('r.email', 'is not', null)
      .where('s.status', '=', 'published')
      .where('s.starts_at', '>', from)
      .$if(after !== null, (query) => query.where('r.id', '>', after!))
      .orderBy('r.id')
      .limit(limit)
      .execute();
    return rows.map(({ s, ...row }) => ({ registration: toCopy(row), session: toSessionCopy(s) }));
  }

  /** These registrations with their sessions and reminder preference, in one query (due reminders, batched). */
  async remindable(
    manager: EntityManager,
    tenantId: string,
    registrationIds: readonly string[],
  ): Promise<RemindableRegistration[]> {
    const rows = await this.withSession(manager)
      .leftJoin('participant_preference as p', (join) =>
        join.onRef('p.tenant_id', '=', 'r.tenant_id').onRef('p.participant_id', '=', 'r.participant_id'),
      )
      .select('p.reminders as wants_reminders')
      .where('r.tenant_id', '=', tenantId)
      .where('r.id', '=', sql<string>`ANY(${registrationIds}::uuid[])`)
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
