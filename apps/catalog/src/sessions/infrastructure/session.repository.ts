import { Injectable } from '@nestjs/common';
import { Selectable, sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { camelRow, snakeRow } from '@respire/tenancy';
import { SessionViewer } from '../../common/principal';
import { Sessions } from '../../infrastructure/database';
import { db } from '../../infrastructure/db';
import { SessionState, SessionStatus } from '../domain/session';

type SessionRow = Selectable<Sessions>;

/** A session with what a reader needs to know of its activity, venue, facilitator and programme. */
export interface SessionView extends SessionState {
  /** The tenant's zone, which local times are read in. */
  timezone: string;
  createdAt: Date;
  updatedAt: Date;
  activity: {
    id: string;
    title: string;
    category: string;
    objective: string | null;
    confidential: boolean;
    individual: boolean;
  };
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

/** The session's state is its row but for the row's own timestamps. */
function toState({ created_at: _created, updated_at: _updated, ...row }: SessionRow): SessionState {
  return camelRow(row);
}

function toView(row: SessionViewRow): SessionView {
  const {
    timezone,
    activity_title: title,
    activity_category: category,
    activity_objective: objective,
    activity_confidential: confidential,
    activity_individual: individual,
    venue_name: name,
    venue_address: address,
    facilitator_name: facilitatorName,
    programme_title: programmeTitle,
    programme_funder: funder,
    ...session
  } = row;
  const state = toState(session);
  return {
    ...state,
    timezone,
    createdAt: session.created_at,
    updatedAt: session.updated_at,
    activity: { id: state.activityId, title, category, objective, confidential, individual },
    venue: { id: state.venueId, name, address },
    facilitator: state.facilitatorId ? { id: state.facilitatorId, name: facilitatorName ?? '' } : null,
    programme: state.programmeId ? { id: state.programmeId, title: programmeTitle ?? '', funder } : null,
  };
}

/**
 * A session joined with its tenant, activity, venue, facilitator and programme (bench/typed-sql.ts
 * measures this very query against its SQL written by hand).
 */
export function viewQuery(manager: EntityManager) {
  return db(manager)
    .selectFrom('sessions as s')
    .innerJoin('tenants as t', 't.id', 's.tenant_id')
    .innerJoin('activities as a', (join) =>
      join.onRef('a.tenant_id', '=', 's.tenant_id').onRef('a.id', '=', 's.activity_id'),
    )
    .innerJoin('venues as v', (join) =>
      join.onRef('v.tenant_id', '=', 's.tenant_id').onRef('v.id', '=', 's.venue_id'),
    )
    .leftJoin('facilitators as f', (join) =>
      join.onRef('f.tenant_id', '=', 's.tenant_id').onRef('f.id', '=', 's.facilitator_id'),
    )
    .leftJoin('programmes as p', (join) =>
      join.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.programme_id'),
    );
}

export function withViewColumns(query: ReturnType<typeof viewQuery>) {
  return query
    .selectAll('s')
    .select([
      'a.title as activity_title',
      'a.category as activity_category',
      'a.objective as activity_objective',
      'a.confidential as activity_confidential',
      'a.individual as activity_individual',
      'v.name as venue_name',
      'v.address as venue_address',
      'f.name as facilitator_name',
      'p.title as programme_title',
      'p.funder as programme_funder',
      't.timezone',
    ]);
}

type SessionViewRow = Awaited<ReturnType<ReturnType<typeof withViewColumns>['executeTakeFirstOrThrow']>>;

/** Sessions in SQL; every query names the tenant (row-level security enforces it as well). */
@Injectable()
export class SessionRepository {
  async insert(manager: EntityManager, s: SessionState, now: Date): Promise<void> {
    await db(manager)
      .insertInto('sessions')
      .values({ ...snakeRow(s), created_at: now, updated_at: now })
      .execute();
  }

  /** Locks the session for a change; a facilitator-scoped viewer never gets a colleague's. */
  async lock(manager: EntityManager, tenantId: string, id: string): Promise<SessionState | null> {
    const row = await db(manager)
      .selectFrom('sessions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    return row ? toState(row) : null;
  }

  /**
   * Writes what a change of the session can change: never its key, activity or programme, nor
   * the seats taken, which registration's events keep (recordSeat).
   */
  async save(manager: EntityManager, s: SessionState, now: Date): Promise<void> {
    const {
      tenantId,
      id,
      activityId: _activity,
      programmeId: _programme,
      seatsTaken: _seats,
      ...changed
    } = s;
    await db(manager)
      .updateTable('sessions')
      .set({ ...snakeRow(changed), updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
  }

  async view(manager: EntityManager, viewer: SessionViewer, id: string): Promise<SessionView | null> {
    const row = await withViewColumns(viewQuery(manager))
      .where('s.tenant_id', '=', viewer.tenantId)
      .where('s.id', '=', id)
      .$if(viewer.onlyFacilitatorId != null, (query) =>
        query.where('s.facilitator_id', '=', viewer.onlyFacilitatorId!),
      )
      .executeTakeFirst();
    return row ? toView(row) : null;
  }

  async views(manager: EntityManager, tenantId: string, ids: string[]): Promise<SessionView[]> {
    const rows = await withViewColumns(viewQuery(manager))
      .where('s.tenant_id', '=', tenantId)
      .where('s.id', '=', sql<string>`ANY(${ids}::uuid[])`)
      .orderBy('s.starts_at')
      .orderBy('s.id')
      .execute();
    return rows.map(toView);
  }

  async list(
    manager: EntityManager,
    viewer: SessionViewer,
    filter: SessionFilter,
  ): Promise<{ items: SessionView[]; total: number }> {
    const matching = viewQuery(manager)
      .where('s.tenant_id', '=', viewer.tenantId)
      .$if(viewer.onlyFacilitatorId != null, (query) =>
        query.where('s.facilitator_id', '=', viewer.onlyFacilitatorId!),
      )
      .$if(filter.from != null, (query) => query.where('s.starts_at', '>=', filter.from!))
      .$if(filter.to != null, (query) => query.where('s.starts_at', '<', filter.to!))
      .$if(filter.statuses != null, (query) =>
        query.where('s.status', '=', sql<SessionStatus>`ANY(${filter.statuses!}::text[])`),
      )
      .$if(filter.activityId != null, (query) => query.where('s.activity_id', '=', filter.activityId!))
      .$if(filter.programmeId != null, (query) => query.where('s.programme_id', '=', filter.programmeId!))
      .$if(filter.category != null, (query) =>
        query.where(sql`lower(a.category)`, '=', sql`lower(${filter.category!})`),
      );
    const rows = await withViewColumns(matching)
      .orderBy('s.starts_at')
      .orderBy('s.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    if (filter.withoutTotal) return { items: rows.map(toView), total: rows.length };
    const { n } = await matching.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return { items: rows.map(toView), total: Number(n) };
  }

  /** Published sessions whose end has passed, locked (other completers skip them). */
  async dueForCompletion(
    manager: EntityManager,
    tenantId: string,
    now: Date,
    limit: number,
  ): Promise<SessionState[]> {
    const rows = await db(manager)
      .selectFrom('sessions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'published')
      .where('ends_at', '<=', now)
      .orderBy('ends_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
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
    await db(manager)
      .insertInto('session_seats')
      .values({
        tenant_id: seat.tenantId,
        session_id: seat.sessionId,
        registration_id: seat.registrationId,
        status: seat.status,
        holds_seat: seat.holdsSeat,
        last_event_at: seat.at,
      })
      .onConflict((conflict) =>
        conflict
          .columns(['tenant_id', 'session_id', 'registration_id'])
          .doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            holds_seat: eb.ref('excluded.holds_seat'),
            last_event_at: eb.ref('excluded.last_event_at'),
          }))
          .whereRef('session_seats.last_event_at', '<=', 'excluded.last_event_at'),
      )
      .execute();
    // Takes the session's row lock, as a capacity change does: the two never interleave.
    await db(manager)
      .updateTable('sessions')
      .set((eb) => ({
        seats_taken: eb
          .selectFrom('session_seats')
          .select(eb.fn.countAll<number>().as('n'))
          .where('session_seats.tenant_id', '=', seat.tenantId)
          .where('session_seats.session_id', '=', seat.sessionId)
          .where('session_seats.holds_seat', '=', true),
      }))
      .where('tenant_id', '=', seat.tenantId)
      .where('id', '=', seat.sessionId)
      .execute();
  }
}
