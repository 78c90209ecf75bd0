import { Injectable } from '@nestjs/common';
import { Selectable, sql, Updateable } from 'kysely';
import { EntityManager } from 'typeorm';
import { findRow, isoDate, updateRow } from '../../common/sql';
import { Programmes } from '../../infrastructure/database';
import { db } from '../../infrastructure/db';

export type ProgrammeRow = Selectable<Programmes>;

export interface ProgrammeFields {
  title?: string;
  description?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
  funder?: string | null;
  partners?: string[];
}

function columns(fields: ProgrammeFields) {
  return {
    title: fields.title,
    description: fields.description,
    starts_on: fields.startsOn,
    ends_on: fields.endsOn,
    funder: fields.funder,
    partners: fields.partners,
  } satisfies Updateable<Programmes>;
}

/** A programme's own fields, as the API answers and the catalog.programme.* events both show them. */
export function programmeFieldsOf(row: ProgrammeRow) {
  return {
    title: row.title,
    description: row.description,
    startsOn: isoDate(row.starts_on),
    endsOn: isoDate(row.ends_on),
    funder: row.funder,
    partners: row.partners,
  };
}

/** The programme as catalog.programme.* events carry it. */
export function programmeEventData(row: ProgrammeRow) {
  return { programmeId: row.id, ...programmeFieldsOf(row) };
}

@Injectable()
export class ProgrammeRepository {
  insert(
    manager: EntityManager,
    tenantId: string,
    id: string,
    fields: ProgrammeFields & { title: string },
    now: Date,
  ): Promise<ProgrammeRow> {
    return db(manager)
      .insertInto('programmes')
      .values({
        tenant_id: tenantId,
        id,
        title: fields.title,
        description: fields.description ?? null,
        starts_on: fields.startsOn ?? null,
        ends_on: fields.endsOn ?? null,
        funder: fields.funder ?? null,
        partners: fields.partners ?? [],
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  find(manager: EntityManager, tenantId: string, id: string): Promise<ProgrammeRow | null> {
    return findRow(manager, 'programmes', { tenantId, id });
  }

  update(
    manager: EntityManager,
    tenantId: string,
    id: string,
    fields: ProgrammeFields,
    now: Date,
  ): Promise<ProgrammeRow | null> {
    return updateRow(manager, 'programmes', { tenantId, id }, columns(fields), now);
  }

  list(manager: EntityManager, tenantId: string, includeArchived: boolean): Promise<ProgrammeRow[]> {
    return db(manager)
      .selectFrom('programmes')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .$if(!includeArchived, (query) => query.where('archived_at', 'is', null))
      .orderBy('starts_on', (order) => order.desc().nullsLast())
      .orderBy(sql`lower(title)`)
      .orderBy('id')
      .execute();
  }
}
