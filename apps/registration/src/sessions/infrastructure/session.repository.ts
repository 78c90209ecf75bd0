import { Injectable } from '@nestjs/common';
import { ExpressionBuilder, Selectable, sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { camelRow, excludedValues, jsonb, snakeRow } from '@respire/tenancy';
import { DB, Session } from '../../infrastructure/database';
import { db } from '../../infrastructure/db';
import { RegistrationStatus } from '../../registrations/domain/registration-status';
import { SessionCopy, SessionStatus, Venue } from '../domain/session-copy';

/** A session whose row this transaction holds locked: every seat decision on it is serialised. */
export type LockedSession = SessionCopy & { readonly __locked: true };

type SessionRow = Selectable<Session> & { version: string };

/** `updated_at` to the microsecond, as the row's version (a Date would drop the microseconds). */
const VERSION = sql<string>`updated_at::text`.as('version');

/** Every column of the session, and its version. */
function selectSessions(manager: EntityManager, tenantId: string) {
  return db(manager).selectFrom('session').selectAll().select(VERSION).where('tenant_id', '=', tenantId);
}

/** The copy is its row but for the seats the database keeps apart and the row's own timestamp. */
function toSession({ seats_kept: _kept, updated_at: _updated, ...row }: SessionRow): SessionCopy {
  return camelRow(row);
}

/** A published session as catalog describes it: the copy without what this service keeps itself. */
export type PublishedSessionInput = Omit<
  SessionCopy,
  'tenantId' | 'status' | 'cancellationReason' | 'seatsHeld' | 'version'
>;

/** This service's copy of catalog sessions. Always called inside a tenant transaction. */
@Injectable()
export class SessionRepository {
  async find(manager: EntityManager, tenantId: string, sessionId: string): Promise<SessionCopy | null> {
    const row = await selectSessions(manager, tenantId).where('id', '=', sessionId).executeTakeFirst();
    return row ? toSession(row) : null;
  }

  /** The session read in one implicit transaction (session_of sets the tenant): no BEGIN, no COMMIT. */
  async findAlone(manager: EntityManager, tenantId: string, sessionId: string): Promise<SessionCopy | null> {
    const { rows } =
      await sql<SessionRow>`SELECT *, ${VERSION} FROM session_of(${tenantId}, ${sessionId})`.execute(
        db(manager),
      );
    return rows[0] ? toSession(rows[0]) : null;
  }

  async findMany(
    manager: EntityManager,
    tenantId: string,
    sessionIds: string[],
  ): Promise<Map<string, SessionCopy>> {
    const rows = await selectSessions(manager, tenantId)
      .where('id', '=', sql<string>`ANY(${sessionIds}::uuid[])`)
      .execute();
    return new Map(rows.map((row) => [row.id, toSession(row)]));
  }

  /** Locks the session row until the transaction ends; null when unknown. */
  async lock(manager: EntityManager, tenantId: string, sessionId: string): Promise<LockedSession | null> {
    const row = await selectSessions(manager, tenantId)
      .where('id', '=', sessionId)
      .forUpdate()
      .executeTakeFirst();
    return row ? (toSession(row) as LockedSession) : null;
  }

  /** Locks several sessions in id order (the same order everywhere, so two movers cannot deadlock). */
  async lockMany(
    manager: EntityManager,
    tenantId: string,
    sessionIds: string[],
  ): Promise<Map<string, LockedSession>> {
    const rows = await selectSessions(manager, tenantId)
      .where('id', '=', sql<string>`ANY(${[...new Set(sessionIds)]}::uuid[])`)
      .orderBy('id')
      .forUpdate()
      .execute();
    return new Map(rows.map((row) => [row.id, toSession(row) as LockedSession]));
  }

  /** The seat count as the database now has it (the trigger updates it as statuses change). */
  async refresh(manager: EntityManager, session: LockedSession): Promise<LockedSession> {
    const row = await selectSessions(manager, session.tenantId)
      .where('id', '=', session.id)
      .executeTakeFirstOrThrow();
    return toSession(row) as LockedSession;
  }

  /** Inserts or refreshes a published session; a cancelled or completed one stays so. */
  async savePublished(manager: EntityManager, tenantId: string, input: PublishedSessionInput): Promise<void> {
    await db(manager)
      .insertInto('session')
      .values({ tenant_id: tenantId, ...snakeRow(input), venue: jsonb(input.venue), status: 'published' })
      .onConflict((conflict) =>
        conflict.columns(['tenant_id', 'id']).doUpdateSet((eb) => ({
          ...excludedValues(eb, [
            'activity_id',
            'programme_id',
            'title',
            'category',
            'confidential',
            'starts_at',
            'ends_at',
            'timezone',
            'venue',
            'facilitator_id',
            'capacity',
          ]),
          seats_kept: eb
            .case()
            .when('session.seats_held', '>', eb.ref('excluded.capacity'))
            .then(eb.ref('session.seats_held'))
            .else(0)
            .end(),
          ...excludedValues(eb, [
            'registration_opens_at',
            'registration_closes_at',
            'eligible_professions',
            'eligible_practice_modes',
            'price_cents',
          ]),
          sequence: eb.fn<number>('greatest', [eb.ref('session.sequence'), eb.ref('excluded.sequence')]),
          ...excludedValues(eb, ['facilitator_name', 'programme_title', 'funder']),
          updated_at: sql<Date>`now()`,
        })),
      )
      .execute();
  }

  async reschedule(
    manager: EntityManager,
    session: LockedSession,
    change: { startsAt: Date; endsAt: Date; timezone: string; venue: Venue; sequence: number },
  ): Promise<void> {
    await this.updateLocked(manager, session)
      .set({
        starts_at: change.startsAt,
        ends_at: change.endsAt,
        timezone: change.timezone,
        venue: jsonb(change.venue),
        sequence: change.sequence,
        updated_at: sql<Date>`now()`,
      })
      .execute();
  }

  /** A capacity below the seats already held keeps those people (seats_kept) and gives no new seat. */
  async resize(manager: EntityManager, session: LockedSession, capacity: number): Promise<void> {
    await this.updateLocked(manager, session)
      .set((eb) => ({
        capacity,
        seats_kept: eb.case().when('seats_held', '>', capacity).then(eb.ref('seats_held')).else(0).end(),
        updated_at: sql<Date>`now()`,
      }))
      .execute();
  }

  async setStatus(
    manager: EntityManager,
    session: LockedSession,
    status: SessionStatus,
    reason: string | null = null,
  ): Promise<void> {
    await this.updateLocked(manager, session)
      .set((eb) => ({
        status,
        cancellation_reason: eb.fn.coalesce(eb.val(reason), eb.ref('cancellation_reason')),
        updated_at: sql<Date>`now()`,
      }))
      .execute();
  }

  async renameActivity(
    manager: EntityManager,
    tenantId: string,
    activityId: string,
    title: string,
    confidential: boolean,
  ): Promise<void> {
    await db(manager)
      .updateTable('session')
      .set({ title, confidential, updated_at: sql<Date>`now()` })
      .where('tenant_id', '=', tenantId)
      .where('activity_id', '=', activityId)
      .execute();
  }

  /** Published sessions with a free seat and someone waiting. */
  async withFreeSeatsAndWaitlist(manager: EntityManager, tenantId: string): Promise<string[]> {
    const rows = await db(manager)
      .selectFrom('session as s')
      .select('s.id')
      .where('s.tenant_id', '=', tenantId)
      .where('s.status', '=', 'published')
      .whereRef('s.seats_held', '<', 's.capacity')
      .where(({ exists, selectFrom }) => exists(registrationsWithStatus(selectFrom, 'waitlisted')))
      .execute();
    return rows.map((row) => row.id);
  }

  /** Sessions not cancelled that still have confirmed registrations (attendance not closed yet). */
  async withOpenAttendance(
    manager: EntityManager,
    tenantId: string,
  ): Promise<{ id: string; endsAt: Date }[]> {
    const rows = await db(manager)
      .selectFrom('session as s')
      .select(['s.id', 's.ends_at'])
      .where('s.tenant_id', '=', tenantId)
      .where('s.status', '<>', 'cancelled')
      .where(({ exists, selectFrom }) => exists(registrationsWithStatus(selectFrom, 'confirmed')))
      .execute();
    return rows.map((row) => ({ id: row.id, endsAt: row.ends_at }));
  }

  /** An UPDATE of the locked session's row, to add its SET to. */
  private updateLocked(manager: EntityManager, session: LockedSession) {
    return db(manager)
      .updateTable('session')
      .where('tenant_id', '=', session.tenantId)
      .where('id', '=', session.id);
  }
}

/** The registrations of the outer query's session `s` in a status (for EXISTS). */
function registrationsWithStatus(
  selectFrom: ExpressionBuilder<DB & { s: Session }, 's'>['selectFrom'],
  status: RegistrationStatus,
) {
  return selectFrom('registration as r')
    .select(sql<number>`1`.as('one'))
    .whereRef('r.tenant_id', '=', 's.tenant_id')
    .whereRef('r.session_id', '=', 's.id')
    .where('r.status', '=', status);
}
