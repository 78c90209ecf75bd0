import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { findRow, updateRow } from '../../common/sql';

export interface ActivityRow {
  tenant_id: string;
  id: string;
  programme_id: string | null;
  title: string;
  category: string;
  objective: string | null;
  description: string | null;
  default_duration_minutes: number | null;
  default_capacity: number | null;
  venue_id: string | null;
  facilitator_id: string | null;
  confidential: boolean;
  individual: boolean;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

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

function columns(fields: ActivityFields): Record<string, unknown> {
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
  };
}

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
export class ActivityRepository {
  async insert(
    manager: EntityManager,
    tenantId: string,
    id: string,
    fields: ActivityFields & { title: string; category: string },
    now: Date,
  ): Promise<ActivityRow> {
    const [row] = await manager.query(
      `INSERT INTO activities (tenant_id, id, programme_id, title, category, objective, description,
                               default_duration_minutes, default_capacity, venue_id, facilitator_id, confidential,
                               created_at, updated_at, individual)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14) RETURNING *`,
      [
        tenantId,
        id,
        fields.programmeId ?? null,
        fields.title,
        fields.category,
        fields.objective ?? null,
        fields.description ?? null,
        fields.durationMinutes ?? null,
        fields.capacity ?? null,
        fields.venueId ?? null,
        fields.facilitatorId ?? null,
        fields.confidential ?? false,
        now,
        fields.individual ?? false,
      ],
    );
    return row;
  }

  find(manager: EntityManager, tenantId: string, id: string): Promise<ActivityRow | null> {
    return findRow<ActivityRow>(manager, 'activities', { tenantId, id });
  }

  update(
    manager: EntityManager,
    tenantId: string,
    id: string,
    fields: ActivityFields,
    now: Date,
  ): Promise<ActivityRow | null> {
    return updateRow<ActivityRow>(manager, 'activities', { tenantId, id }, columns(fields), now);
  }

  list(
    manager: EntityManager,
    tenantId: string,
    filter: { includeArchived: boolean; programmeId?: string; category?: string },
  ): Promise<ActivityRow[]> {
    return manager.query(
      `SELECT * FROM activities
        WHERE tenant_id = $1 AND ($2 OR archived_at IS NULL)
          AND ($3::uuid IS NULL OR programme_id = $3) AND ($4::text IS NULL OR lower(category) = lower($4))
        ORDER BY lower(category), lower(title), id`,
      [tenantId, filter.includeArchived, filter.programmeId ?? null, filter.category ?? null],
    );
  }

  /** A live activity of a programme, by title (case-insensitive): CSV import and seeds match on it. */
  async findByTitle(
    manager: EntityManager,
    tenantId: string,
    programmeId: string,
    title: string,
  ): Promise<ActivityRow | null> {
    const rows: ActivityRow[] = await manager.query(
      `SELECT * FROM activities WHERE tenant_id = $1 AND programme_id = $2 AND lower(title) = lower($3) AND archived_at IS NULL`,
      [tenantId, programmeId, title],
    );
    return rows[0] ?? null;
  }
}
