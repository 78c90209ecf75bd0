import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SessionCopy, SessionStatus, Venue } from '../domain/session-copy';

interface SessionRow {
  tenant_id: string;
  id: string;
  activity_id: string | null;
  title: string;
  confidential: boolean;
  starts_at: Date;
  ends_at: Date;
  timezone: string;
  venue: Venue;
  facilitator_id: string | null;
  sequence: number;
  status: SessionStatus;
  cancellation_reason: string | null;
  price_cents: number;
}

export function toSessionCopy(row: SessionRow): SessionCopy {
  return {
    tenantId: row.tenant_id,
    sessionId: row.id,
    activityId: row.activity_id,
    title: row.title,
    confidential: row.confidential,
    startsAt: new Date(row.starts_at),
    endsAt: new Date(row.ends_at),
    timezone: row.timezone,
    venue: row.venue,
    facilitatorId: row.facilitator_id,
    sequence: row.sequence,
    status: row.status,
    priceCents: row.price_cents ?? 0,
  };
}

export interface ActivityFacts {
  activityId: string;
  title: string;
  confidential: boolean;
  facilitatorId: string | null;
}

/** Sessions (and the activities they show the title and confidentiality of), as the catalog described them. */
@Injectable()
export class SessionRepository {
  /** Locks the session row: events about one session are applied one at a time. */
  async findForUpdate(
    manager: EntityManager,
    tenantId: string,
    sessionId: string,
  ): Promise<SessionCopy | null> {
    const rows: SessionRow[] = await manager.query(
      `SELECT * FROM session WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [tenantId, sessionId],
    );
    return rows[0] ? toSessionCopy(rows[0]) : null;
  }

  async find(manager: EntityManager, tenantId: string, sessionId: string): Promise<SessionCopy | null> {
    const rows: SessionRow[] = await manager.query(`SELECT * FROM session WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      sessionId,
    ]);
    return rows[0] ? toSessionCopy(rows[0]) : null;
  }

  async save(manager: EntityManager, session: SessionCopy): Promise<void> {
    await manager.query(
      `INSERT INTO session AS s (tenant_id, id, activity_id, title, confidential, starts_at, ends_at, timezone, venue,
                                 facilitator_id, sequence, status, price_cents)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13)
       ON CONFLICT (tenant_id, id) DO UPDATE SET
         activity_id = EXCLUDED.activity_id, title = EXCLUDED.title, confidential = EXCLUDED.confidential,
         starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, timezone = EXCLUDED.timezone,
         venue = EXCLUDED.venue, facilitator_id = EXCLUDED.facilitator_id, sequence = EXCLUDED.sequence,
         status = EXCLUDED.status, price_cents = EXCLUDED.price_cents, updated_at = now()`,
      [
        session.tenantId,
        session.sessionId,
        session.activityId,
        session.title,
        session.confidential,
        session.startsAt,
        session.endsAt,
        session.timezone,
        JSON.stringify(session.venue),
        session.facilitatorId,
        session.sequence,
        session.status,
        session.priceCents,
      ],
    );
  }

  async setStatus(
    manager: EntityManager,
    tenantId: string,
    sessionId: string,
    status: SessionStatus,
    reason: string | null = null,
  ): Promise<void> {
    await manager.query(
      `UPDATE session SET status = $3, cancellation_reason = coalesce($4, cancellation_reason), updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [tenantId, sessionId, status, reason],
    );
  }

  /**
   * Records an activity unless a later version of it was already applied, and gives its title
   * and confidentiality to its sessions. Returns the activity as it now stands.
   */
  async saveActivity(
    manager: EntityManager,
    tenantId: string,
    activity: ActivityFacts,
    occurredAt: Date,
  ): Promise<ActivityFacts> {
    await manager.query(
      `INSERT INTO activity AS a (tenant_id, id, title, confidential, facilitator_id, updated_from)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, id) DO UPDATE SET title = EXCLUDED.title, confidential = EXCLUDED.confidential,
         facilitator_id = EXCLUDED.facilitator_id, updated_from = EXCLUDED.updated_from
       WHERE a.updated_from <= EXCLUDED.updated_from`,
      [
        tenantId,
        activity.activityId,
        activity.title,
        activity.confidential,
        activity.facilitatorId,
        occurredAt,
      ],
    );
    const current = (await this.activity(manager, tenantId, activity.activityId))!;
    await manager.query(
      `UPDATE session SET title = $3, confidential = $4, updated_at = now()
        WHERE tenant_id = $1 AND activity_id = $2 AND (title <> $3 OR confidential <> $4)`,
      [tenantId, current.activityId, current.title, current.confidential],
    );
    return current;
  }

  async activity(
    manager: EntityManager,
    tenantId: string,
    activityId: string,
  ): Promise<(ActivityFacts & { updatedFrom: Date }) | null> {
    const rows: {
      id: string;
      title: string;
      confidential: boolean;
      facilitator_id: string | null;
      updated_from: Date;
    }[] = await manager.query(`SELECT * FROM activity WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      activityId,
    ]);
    const row = rows[0];
    return row
      ? {
          activityId: row.id,
          title: row.title,
          confidential: row.confidential,
          facilitatorId: row.facilitator_id,
          updatedFrom: new Date(row.updated_from),
        }
      : null;
  }

  /** Published sessions starting in [from, to): the facilitator digests to plan. */
  async upcoming(manager: EntityManager, tenantId: string, from: Date, to: Date): Promise<SessionCopy[]> {
    const rows: SessionRow[] = await manager.query(
      `SELECT * FROM session WHERE tenant_id = $1 AND status = 'published' AND starts_at >= $2 AND starts_at < $3`,
      [tenantId, from, to],
    );
    return rows.map(toSessionCopy);
  }
}
