import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PracticeMode, Profession } from '@respire/contracts';
import { SessionViewer } from '../../common/principal';
import { SessionState, SessionStatus } from '../domain/session';

interface SessionRow {
  tenant_id: string;
  id: string;
  activity_id: string;
  programme_id: string | null;
  venue_id: string;
  facilitator_id: string | null;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  status: SessionStatus;
  registration_opens_at: Date | null;
  registration_closes_at: Date | null;
  eligible_professions: Profession[];
  eligible_practice_modes: PracticeMode[];
  price_cents: number;
  sequence: number;
  seats_taken: number;
  cancellation_reason: string | null;
  published_at: Date | null;
  cancelled_at: Date | null;
  completed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

interface SessionViewRow extends SessionRow {
  activity_title: string;
  activity_category: string;
  activity_objective: string | null;
  activity_confidential: boolean;
  activity_individual: boolean;
  venue_name: string;
  venue_address: string | null;
  facilitator_name: string | null;
  programme_title: string | null;
  programme_funder: string | null;
  timezone: string;
}

/** A session with what a reader needs to know of its activity, venue, facilitator and programme. */
export interface SessionView extends SessionState {
  /** The tenant's zone, which local times are read in. */
  timezone: string;
  createdAt: Date;
  updatedAt: Date;
  activity: { id: string; title: string; category: string; objective: string | null; confidential: boolean; individual: boolean };
  venue: { id: string; name: string; address: string | null };
  facilitator: { id: string; name: string } | null;
  programme: { id: string; title: string; funder: string | null } | null;
}

export interface SessionFilter {
  from?: Date;
  to?: Date;
  statuses?: SessionStatus[];
  activityId?: string;
  programmeId?: string;
  category?: string;
  limit: number;
  offset: number;
  /** Skip counting every match (the public programme needs no total). */
  withoutTotal?: boolean;
}

function toState(row: SessionRow): SessionState {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    activityId: row.activity_id,
    programmeId: row.programme_id,
    venueId: row.venue_id,
    facilitatorId: row.facilitator_id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    capacity: row.capacity,
    status: row.status,
    registrationOpensAt: row.registration_opens_at,
    registrationClosesAt: row.registration_closes_at,
    eligibleProfessions: row.eligible_professions,
    eligiblePracticeModes: row.eligible_practice_modes,
    priceCents: row.price_cents,
    sequence: row.sequence,
    seatsTaken: row.seats_taken,
    cancellationReason: row.cancellation_reason,
    publishedAt: row.published_at,
    cancelledAt: row.cancelled_at,
    completedAt: row.completed_at,
  };
}

function toView(row: SessionViewRow): SessionView {
  return {
    ...toState(row),
    timezone: row.timezone,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    activity: {
      id: row.activity_id,
      title: row.activity_title,
      category: row.activity_category,
      objective: row.activity_objective,
      confidential: row.activity_confidential,
      individual: row.activity_individual,
    },
    venue: { id: row.venue_id, name: row.venue_name, address: row.venue_address },
    facilitator: row.facilitator_id ? { id: row.facilitator_id, name: row.facilitator_name ?? '' } : null,
    programme: row.programme_id
      ? { id: row.programme_id, title: row.programme_title ?? '', funder: row.programme_funder }
      : null,
  };
}

const VIEW = `
  SELECT s.*, a.title AS activity_title, a.category AS activity_category, a.objective AS activity_objective,
         a.confidential AS activity_confidential, a.individual AS activity_individual, v.name AS venue_name, v.address AS venue_address,
         f.name AS facilitator_name, p.title AS programme_title, p.funder AS programme_funder, t.timezone
    FROM sessions s
    JOIN tenants t ON t.id = s.tenant_id
    JOIN activities a ON a.tenant_id = s.tenant_id AND a.id = s.activity_id
    JOIN venues v ON v.tenant_id = s.tenant_id AND v.id = s.venue_id
    LEFT JOIN facilitators f ON f.tenant_id = s.tenant_id AND f.id = s.facilitator_id
    LEFT JOIN programmes p ON p.tenant_id = s.tenant_id AND p.id = s.programme_id`;

/** Sessions in SQL; every query names the tenant (row-level security enforces it as well). */
@Injectable()
export class SessionRepository {
  async insert(manager: EntityManager, s: SessionState, now: Date): Promise<void> {
    await manager.query(
      `INSERT INTO sessions (tenant_id, id, activity_id, programme_id, venue_id, facilitator_id, starts_at, ends_at,
                             capacity, status, registration_opens_at, registration_closes_at, eligible_professions,
                             price_cents, sequence, seats_taken, published_at, created_at, updated_at, eligible_practice_modes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 0, $16, $17, $17, $18)`,
      [
        s.tenantId,
        s.id,
        s.activityId,
        s.programmeId,
        s.venueId,
        s.facilitatorId,
        s.startsAt,
        s.endsAt,
        s.capacity,
        s.status,
        s.registrationOpensAt,
        s.registrationClosesAt,
        s.eligibleProfessions,
        s.priceCents,
        s.sequence,
        s.publishedAt,
        now,
        s.eligiblePracticeModes,
      ],
    );
  }

  /** Locks the session for a change; a facilitator-scoped viewer never gets a colleague's. */
  async lock(manager: EntityManager, tenantId: string, id: string): Promise<SessionState | null> {
    const rows: SessionRow[] = await manager.query(
      `SELECT * FROM sessions WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [tenantId, id],
    );
    return rows[0] ? toState(rows[0]) : null;
  }

  async save(manager: EntityManager, s: SessionState, now: Date): Promise<void> {
    await manager.query(
      `UPDATE sessions SET venue_id = $3, facilitator_id = $4, starts_at = $5, ends_at = $6, capacity = $7, status = $8,
              registration_opens_at = $9, registration_closes_at = $10, eligible_professions = $11, price_cents = $12,
              sequence = $13, cancellation_reason = $14, published_at = $15, cancelled_at = $16, completed_at = $17,
              updated_at = $18, eligible_practice_modes = $19
        WHERE tenant_id = $1 AND id = $2`,
      [
        s.tenantId,
        s.id,
        s.venueId,
        s.facilitatorId,
        s.startsAt,
        s.endsAt,
        s.capacity,
        s.status,
        s.registrationOpensAt,
        s.registrationClosesAt,
        s.eligibleProfessions,
        s.priceCents,
        s.sequence,
        s.cancellationReason,
        s.publishedAt,
        s.cancelledAt,
        s.completedAt,
        now,
        s.eligiblePracticeModes,
      ],
    );
  }

  async view(manager: EntityManager, viewer: SessionViewer, id: string): Promise<SessionView | null> {
    const rows: SessionViewRow[] = await manager.query(
      `${VIEW} WHERE s.tenant_id = $1 AND s.id = $2 AND ($3::uuid IS NULL OR s.facilitator_id = $3)`,
      [viewer.tenantId, id, viewer.onlyFacilitatorId],
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  async views(manager: EntityManager, tenantId: string, ids: string[]): Promise<SessionView[]> {
    const rows: SessionViewRow[] = await manager.query(
      `${VIEW} WHERE s.tenant_id = $1 AND s.id = ANY($2::uuid[]) ORDER BY s.starts_at, s.id`,
      [tenantId, ids],
    );
    return rows.map(toView);
  }

  async list(
    manager: EntityManager,
    viewer: SessionViewer,
    filter: SessionFilter,
  ): Promise<{ items: SessionView[]; total: number }> {
    const where = `s.tenant_id = $1 AND ($2::uuid IS NULL OR s.facilitator_id = $2)
      AND ($3::timestamptz IS NULL OR s.starts_at >= $3) AND ($4::timestamptz IS NULL OR s.starts_at < $4)
      AND ($5::text[] IS NULL OR s.status = ANY($5)) AND ($6::uuid IS NULL OR s.activity_id = $6)
      AND ($7::uuid IS NULL OR s.programme_id = $7) AND ($8::text IS NULL OR lower(a.category) = lower($8))`;
    const params = [
      viewer.tenantId,
      viewer.onlyFacilitatorId,
      filter.from ?? null,
      filter.to ?? null,
      filter.statuses ?? null,
      filter.activityId ?? null,
      filter.programmeId ?? null,
      filter.category ?? null,
    ];
    const rows: SessionViewRow[] = await manager.query(
      `${VIEW} WHERE ${where} ORDER BY s.starts_at, s.id LIMIT $9 OFFSET $10`,
      [...params, filter.limit, filter.offset],
    );
    if (filter.withoutTotal) return { items: rows.map(toView), total: rows.length };
    const [count] = await manager.query(
      `SELECT count(*)::int AS n FROM sessions s
         JOIN activities a ON a.tenant_id = s.tenant_id AND a.id = s.activity_id WHERE ${where}`,
      params,
    );
    return { items: rows.map(toView), total: count.n };
  }

  /** Published sessions whose end has passed, locked (other completers skip them). */
  async dueForCompletion(
    manager: EntityManager,
    tenantId: string,
    now: Date,
    limit: number,
  ): Promise<SessionState[]> {
    const rows: SessionRow[] = await manager.query(
      `SELECT * FROM sessions WHERE tenant_id = $1 AND status = 'published' AND ends_at <= $2
        ORDER BY ends_at LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [tenantId, now, limit],
    );
    return rows.map(toState);
  }

  /** Records what a registration event says about one seat, then recounts the session's seats. */
  async recordSeat(
    manager: EntityManager,
    seat: {
      tenantId: string;
      sessionId: string;
      registrationId: string;
      status: string;
      holdsSeat: boolean;
      at: Date;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO session_seats (tenant_id, session_id, registration_id, status, holds_seat, last_event_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, session_id, registration_id) DO UPDATE
         SET status = EXCLUDED.status, holds_seat = EXCLUDED.holds_seat, last_event_at = EXCLUDED.last_event_at
         WHERE session_seats.last_event_at <= EXCLUDED.last_event_at`,
      [seat.tenantId, seat.sessionId, seat.registrationId, seat.status, seat.holdsSeat, seat.at],
    );
    // Takes the session's row lock, as a capacity change does: the two never interleave.
    await manager.query(
      `UPDATE sessions SET seats_taken = (
         SELECT count(*) FROM session_seats WHERE tenant_id = $1 AND session_id = $2 AND holds_seat)
        WHERE tenant_id = $1 AND id = $2`,
      [seat.tenantId, seat.sessionId],
    );
  }
}
