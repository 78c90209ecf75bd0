import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PracticeMode, Profession } from '@respire/contracts';
import { SessionCopy, SessionStatus, Venue } from '../domain/session-copy';

/** A session whose row this transaction holds locked: every seat decision on it is serialised. */
export type LockedSession = SessionCopy & { readonly __locked: true };

interface SessionRow {
  tenant_id: string;
  id: string;
  activity_id: string;
  programme_id: string | null;
  title: string;
  category: string;
  confidential: boolean;
  starts_at: Date;
  ends_at: Date;
  timezone: string;
  venue: Venue;
  facilitator_id: string | null;
  facilitator_name: string | null;
  programme_title: string | null;
  funder: string | null;
  capacity: number;
  registration_opens_at: Date | null;
  registration_closes_at: Date | null;
  eligible_professions: Profession[];
  eligible_practice_modes: PracticeMode[];
  price_cents: number;
  sequence: number;
  status: SessionStatus;
  cancellation_reason: string | null;
  seats_held: number;
  version: string;
}

/** Every column, and `updated_at` to the microsecond as the row's version (a Date would drop the microseconds). */
const SESSION_COLUMNS = `*, updated_at::text AS version`;

function toSession(row: SessionRow): SessionCopy {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    activityId: row.activity_id,
    programmeId: row.programme_id,
    title: row.title,
    category: row.category,
    confidential: row.confidential,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    timezone: row.timezone,
    venue: row.venue,
    facilitatorId: row.facilitator_id,
    facilitatorName: row.facilitator_name,
    programmeTitle: row.programme_title,
    funder: row.funder,
    capacity: row.capacity,
    registrationOpensAt: row.registration_opens_at,
    registrationClosesAt: row.registration_closes_at,
    eligibleProfessions: row.eligible_professions,
    eligiblePracticeModes: row.eligible_practice_modes,
    priceCents: row.price_cents,
    sequence: row.sequence,
    status: row.status,
    cancellationReason: row.cancellation_reason,
    seatsHeld: row.seats_held,
    version: row.version,
  };
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
    const rows: SessionRow[] = await manager.query(
      `SELECT ${SESSION_COLUMNS} FROM session WHERE tenant_id = $1 AND id = $2`,
      [tenantId, sessionId],
    );
    return rows[0] ? toSession(rows[0]) : null;
  }

  /** The session read in one implicit transaction (session_of sets the tenant): no BEGIN, no COMMIT. */
  async findAlone(manager: EntityManager, tenantId: string, sessionId: string): Promise<SessionCopy | null> {
    const rows: SessionRow[] = await manager.query(`SELECT ${SESSION_COLUMNS} FROM session_of($1, $2)`, [
      tenantId,
      sessionId,
    ]);
    return rows[0] ? toSession(rows[0]) : null;
  }

  async findMany(
    manager: EntityManager,
    tenantId: string,
    sessionIds: string[],
  ): Promise<Map<string, SessionCopy>> {
    const rows: SessionRow[] = await manager.query(
      `SELECT ${SESSION_COLUMNS} FROM session WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, sessionIds],
    );
    return new Map(rows.map((row) => [row.id, toSession(row)]));
  }

  /** Locks the session row until the transaction ends; null when unknown. */
  async lock(manager: EntityManager, tenantId: string, sessionId: string): Promise<LockedSession | null> {
    const rows: SessionRow[] = await manager.query(
      `SELECT ${SESSION_COLUMNS} FROM session WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [tenantId, sessionId],
    );
    return rows[0] ? (toSession(rows[0]) as LockedSession) : null;
  }

  /** Locks several sessions in id order (the same order everywhere, so two movers cannot deadlock). */
  async lockMany(
    manager: EntityManager,
    tenantId: string,
    sessionIds: string[],
  ): Promise<Map<string, LockedSession>> {
    const rows: SessionRow[] = await manager.query(
      `SELECT ${SESSION_COLUMNS} FROM session WHERE tenant_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
      [tenantId, [...new Set(sessionIds)]],
    );
    return new Map(rows.map((row) => [row.id, toSession(row) as LockedSession]));
  }

  /** The seat count as the database now has it (the trigger updates it as statuses change). */
  async refresh(manager: EntityManager, session: LockedSession): Promise<LockedSession> {
    const rows: SessionRow[] = await manager.query(
      `SELECT ${SESSION_COLUMNS} FROM session WHERE tenant_id = $1 AND id = $2`,
      [session.tenantId, session.id],
    );
    return toSession(rows[0]) as LockedSession;
  }

  /** Inserts or refreshes a published session; a cancelled or completed one stays so. */
  async savePublished(manager: EntityManager, tenantId: string, input: PublishedSessionInput): Promise<void> {
    await manager.query(
      `INSERT INTO session (tenant_id, id, activity_id, programme_id, title, category, confidential, starts_at, ends_at,
         timezone, venue, facilitator_id, capacity, registration_opens_at, registration_closes_at, eligible_professions,
         price_cents, sequence, facilitator_name, programme_title, funder, status, eligible_practice_modes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15, $16::text[], $17, $18, $19, $20, $21,
               'published', $22::text[])
       ON CONFLICT (tenant_id, id) DO UPDATE SET activity_id = EXCLUDED.activity_id, programme_id = EXCLUDED.programme_id,
         title = EXCLUDED.title, category = EXCLUDED.category, confidential = EXCLUDED.confidential,
         starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, timezone = EXCLUDED.timezone, venue = EXCLUDED.venue,
         facilitator_id = EXCLUDED.facilitator_id,
         capacity = EXCLUDED.capacity,
         seats_kept = CASE WHEN session.seats_held > EXCLUDED.capacity THEN session.seats_held ELSE 0 END,
         registration_opens_at = EXCLUDED.registration_opens_at,
         registration_closes_at = EXCLUDED.registration_closes_at, eligible_professions = EXCLUDED.eligible_professions,
         eligible_practice_modes = EXCLUDED.eligible_practice_modes,
         price_cents = EXCLUDED.price_cents, sequence = GREATEST(session.sequence, EXCLUDED.sequence),
         facilitator_name = EXCLUDED.facilitator_name, programme_title = EXCLUDED.programme_title, funder = EXCLUDED.funder,
         updated_at = now()`,
      [
        tenantId,
        input.id,
        input.activityId,
        input.programmeId,
        input.title,
        input.category,
        input.confidential,
        input.startsAt,
        input.endsAt,
        input.timezone,
        JSON.stringify(input.venue),
        input.facilitatorId,
        input.capacity,
        input.registrationOpensAt,
        input.registrationClosesAt,
        input.eligibleProfessions,
        input.priceCents,
        input.sequence,
        input.facilitatorName,
        input.programmeTitle,
        input.funder,
        input.eligiblePracticeModes,
      ],
    );
  }

  async reschedule(
    manager: EntityManager,
    session: LockedSession,
    change: { startsAt: Date; endsAt: Date; timezone: string; venue: Venue; sequence: number },
  ): Promise<void> {
    await manager.query(
      `UPDATE session SET starts_at = $3, ends_at = $4, timezone = $5, venue = $6::jsonb, sequence = $7, updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [
        session.tenantId,
        session.id,
        change.startsAt,
        change.endsAt,
        change.timezone,
        JSON.stringify(change.venue),
        change.sequence,
      ],
    );
  }

  /** A capacity below the seats already held keeps those people (seats_kept) and gives no new seat. */
  async resize(manager: EntityManager, session: LockedSession, capacity: number): Promise<void> {
    await manager.query(
      `UPDATE session SET capacity = $3, seats_kept = CASE WHEN seats_held > $3 THEN seats_held ELSE 0 END, updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [session.tenantId, session.id, capacity],
    );
  }

  async setStatus(
    manager: EntityManager,
    session: LockedSession,
    status: SessionStatus,
    reason: string | null = null,
  ): Promise<void> {
    await manager.query(
      `UPDATE session SET status = $3, cancellation_reason = COALESCE($4, cancellation_reason), updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [session.tenantId, session.id, status, reason],
    );
  }

  async renameActivity(
    manager: EntityManager,
    tenantId: string,
    activityId: string,
    title: string,
    confidential: boolean,
  ): Promise<void> {
    await manager.query(
      `UPDATE session SET title = $3, confidential = $4, updated_at = now() WHERE tenant_id = $1 AND activity_id = $2`,
      [tenantId, activityId, title, confidential],
    );
  }

  /** Published sessions with a free seat and someone waiting. */
  async withFreeSeatsAndWaitlist(manager: EntityManager, tenantId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT s.id FROM session s
        WHERE s.tenant_id = $1 AND s.status = 'published' AND s.seats_held < s.capacity
          AND EXISTS (SELECT 1 FROM registration r
                       WHERE r.tenant_id = s.tenant_id AND r.session_id = s.id AND r.status = 'waitlisted')`,
      [tenantId],
    );
    return rows.map((row) => row.id);
  }

  /** Sessions not cancelled that still have confirmed registrations (attendance not closed yet). */
  async withOpenAttendance(
    manager: EntityManager,
    tenantId: string,
  ): Promise<{ id: string; endsAt: Date }[]> {
    const rows: { id: string; ends_at: Date }[] = await manager.query(
      `SELECT s.id, s.ends_at FROM session s
        WHERE s.tenant_id = $1 AND s.status <> 'cancelled'
          AND EXISTS (SELECT 1 FROM registration r
                       WHERE r.tenant_id = s.tenant_id AND r.session_id = s.id AND r.status = 'confirmed')`,
      [tenantId],
    );
    return rows.map((row) => ({ id: row.id, endsAt: row.ends_at }));
  }
}
