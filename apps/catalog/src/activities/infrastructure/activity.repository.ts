import { Injectable } from '@nestjs/common';
import { Selectable, sql, Updateable } from 'kysely';
import { EntityManager } from 'typeorm';
import { ResourceRows } from '../../common/resource-rows';
import { Activities } from '../../infrastructure/database';
import { db } from '../../infrastructure/db';

export type ActivityRow = Selectable<Activities>;

export interface ActivityFields {
  programmeId?: string | null;
  title?: string;
  category?: string;
  objective?: string | null;
  description?: string | null;
  durationMinutes?: number | null;
  capacity?: number | null;
  venueId?: string | null;
  facilitatorId?: string | null;
  confidential?: boolean;
  individual?: boolean;
}

/** What a new activity is given: a title and a category at least. */
export type NewActivityFields = ActivityFields & { title: string; category: string };

/** The activity as catalog.activity.* events carry it. */
export function activityEventData(row: ActivityRow) {
  return {
    activityId: row.id,
    programmeId: row.programme_id,
    title: row.title,
    category: row.category,
    objective: row.objective,
    confidential: row.confidential,
    individual: row.individual,
    facilitatorId: row.facilitator_id,
    venueId: row.venue_id,
    defaultDurationMinutes: row.default_duration_minutes,
    defaultCapacity: row.default_capacity,
  };
}

@Injectable()
export class ActivityRepository extends ResourceRows<'activities', ActivityFields> {
  constructor() {
    super('activities');
  }

  protected columns(fields: ActivityFields) {
    return {
      programme_id: fields.programmeId,
      title: fields.title,
      category: fields.category,
      objective: fields.objective,
      description: fields.description,
      default_duration_minutes: fields.durationMinutes,
      default_capacity: fields.capacity,
      venue_id: fields.venueId,
      facilitator_id: fields.facilitatorId,
      confidential: fields.confidential,
      individual: fields.individual,
    } satisfies Updateable<Activities>;
  }

  insert(
    manager: EntityManager,
    tenantId: string,
    id: string,
    fields: NewActivityFields,
    now: Date,
  ): Promise<ActivityRow> {
    return this.insertFields(
      manager,
      { tenantId, id },
      fields,
      { confidential: false, individual: false },
      now,
    );
  }

  list(
    manager: EntityManager,
    tenantId: string,
    filter: { includeArchived: boolean; programmeId?: string; category?: string },
  ): Promise<ActivityRow[]> {
    return db(manager)
      .selectFrom('activities')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .$if(!filter.includeArchived, (query) => query.where('archived_at', 'is', null))
      .$if(filter.programmeId != null, (query) => query.where('programme_id', '=', filter.programmeId!))
      .$if(filter.category != null, (query) =>
        query.where(sql`lower(category)`, '=', sql`lower(${filter.category!})`),
      )
      .orderBy(sql`lower(category)`)
      .orderBy(sql`lower(title)`)
      .orderBy('id')
      .execute();
  }

  /** A live activity of a programme, by title (case-insensitive): CSV import and seeds match on it. */
  async findByTitle(
    manager: EntityManager,
    tenantId: string,
    programmeId: string,
    title: string,
  ): Promise<ActivityRow | null> {
    const row = await db(manager)
      .selectFrom('activities')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('programme_id', '=', programmeId)
      .where(sql`lower(title)`, '=', sql`lower(${title})`)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    return row ?? null;
  }
}
