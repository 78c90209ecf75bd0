import { Injectable } from '@nestjs/common';
import { Selectable, sql, Updateable } from 'kysely';
import { EntityManager } from 'typeorm';
import { ResourceRows } from '../../common/resource-rows';
import { isoDate } from '../../common/sql';
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

/** What a new programme is given: a title at least. */
export type NewProgrammeFields = ProgrammeFields & { title: string };

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
export class ProgrammeRepository extends ResourceRows<'programmes', ProgrammeFields> {
  constructor() {
    super('programmes');
  }

  protected columns(fields: ProgrammeFields) {
    return {
      title: fields.title,
      description: fields.description,
      starts_on: fields.startsOn,
      ends_on: fields.endsOn,
      funder: fields.funder,
      partners: fields.partners,
    } satisfies Updateable<Programmes>;
  }

  insert(
    manager: EntityManager,
    tenantId: string,
    id: string,
    fields: NewProgrammeFields,
    now: Date,
  ): Promise<ProgrammeRow> {
    return this.insertFields(manager, { tenantId, id }, fields, { partners: [] }, now);
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
