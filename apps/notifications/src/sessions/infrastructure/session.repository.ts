import { Injectable } from '@nestjs/common';
import { Selectable, sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { excludedValues, jsonb } from '@respire/tenancy';
import { Session } from '../../infrastructure/database';
import { db } from '../../infrastructure/db';
import { SessionCopy, SessionStatus } from '../domain/session-copy';

/**
 * A session row: as selected, or as `to_jsonb(session)` gives it (registration's joins), where
 * the timestamps are ISO strings.
 */
export type SessionRow = Omit<Selectable<Session>, 'starts_at' | 'ends_at' | 'updated_at'> & {
  starts_at: Date | string;
  ends_at: Date | string;
};

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

function selectSession(manager: EntityManager, tenantId: string, sessionId: string) {
  return db(manager)
    .selectFrom('session')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', sessionId);
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
    const row = await selectSession(manager, tenantId, sessionId).forUpdate().executeTakeFirst();
    return row ? toSessionCopy(row) : null;
  }

  async find(manager: EntityManager, tenantId: string, sessionId: string): Promise<SessionCopy | null> {
    const row = await selectSession(manager, tenantId, sessionId).executeTakeFirst();
    return row ? toSessionCopy(row) : null;
  }

  async save(manager: EntityManager, session: SessionCopy): Promise<void> {
    await db(manager)
      .insertInto('session')
      .values({
        tenant_id: session.tenantId,
        id: session.sessionId,
        activity_id: session.activityId,
        title: session.title,
        confidential: session.confidential,
        starts_at: session.startsAt,
        ends_at: session.endsAt,
        timezone: session.timezone,
        venue: jsonb(session.venue),
        facilitator_id: session.facilitatorId,
        sequence: session.sequence,
        status: session.status,
        price_cents: session.priceCents,
      })
      .onConflict((conflict) =>
        conflict.columns(['tenant_id', 'id']).doUpdateSet((eb) => ({
          ...excludedValues(eb, [
            'activity_id',
            'title',
            'confidential',
            'starts_at',
            'ends_at',
            'timezone',
            'venue',
            'facilitator_id',
            'sequence',
            'status',
            'price_cents',
          ]),
          updated_at: sql<Date>`now()`,
        })),
      )
      .execute();
  }

  async setStatus(
    manager: EntityManager,
    tenantId: string,
    sessionId: string,
    status: SessionStatus,
    reason: string | null = null,
  ): Promise<void> {
    await db(manager)
      .updateTable('session')
      .set((eb) => ({
        status,
        cancellation_reason: eb.fn.coalesce(eb.val(reason), 'cancellation_reason'),
        updated_at: sql<Date>`now()`,
      }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', sessionId)
      .execute();
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
    await db(manager)
      .insertInto('activity')
      .values({
        tenant_id: tenantId,
        id: activity.activityId,
        title: activity.title,
        confidential: activity.confidential,
        facilitator_id: activity.facilitatorId,
        updated_from: occurredAt,
      })
      .onConflict((conflict) =>
        conflict
          .columns(['tenant_id', 'id'])
          .doUpdateSet((eb) =>
            excludedValues(eb, ['title', 'confidential', 'facilitator_id', 'updated_from']),
          )
          .whereRef('activity.updated_from', '<=', 'excluded.updated_from'),
      )
      .execute();
    const current = (await this.activity(manager, tenantId, activity.activityId))!;
    await db(manager)
      .updateTable('session')
      .set({ title: current.title, confidential: current.confidential, updated_at: sql<Date>`now()` })
      .where('tenant_id', '=', tenantId)
      .where('activity_id', '=', current.activityId)
      .where((eb) =>
        eb.or([eb('title', '<>', current.title), eb('confidential', '<>', current.confidential)]),
      )
      .execute();
    return current;
  }

  async activity(
    manager: EntityManager,
    tenantId: string,
    activityId: string,
  ): Promise<(ActivityFacts & { updatedFrom: Date }) | null> {
    const row = await db(manager)
      .selectFrom('activity')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', activityId)
      .executeTakeFirst();
    return row
      ? {
          activityId: row.id,
          title: row.title,
          confidential: row.confidential,
          facilitatorId: row.facilitator_id,
          updatedFrom: row.updated_from,
        }
      : null;
  }

  /** Published sessions starting in [from, to): the facilitator digests to plan. */
  async upcoming(manager: EntityManager, tenantId: string, from: Date, to: Date): Promise<SessionCopy[]> {
    const rows = await db(manager)
      .selectFrom('session')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'published')
      .where('starts_at', '>=', from)
      .where('starts_at', '<', to)
      .execute();
    return rows.map(toSessionCopy);
  }
}
