import { Injectable } from '@nestjs/common';
import { Selectable, sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { findRow, updateRow } from '../../common/sql';
import { Venues } from '../../infrastructure/database';
import { db } from '../../infrastructure/db';

export type VenueRow = Selectable<Venues>;

export interface VenueFields {
  name?: string;
  address?: string | null;
  notes?: string | null;
}

@Injectable()
export class VenueRepository {
  insert(
    manager: EntityManager,
    tenantId: string,
    id: string,
    fields: Required<VenueFields>,
    now: Date,
  ): Promise<VenueRow> {
    return db(manager)
      .insertInto('venues')
      .values({
        tenant_id: tenantId,
        id,
        name: fields.name,
        address: fields.address,
        notes: fields.notes,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  find(manager: EntityManager, tenantId: string, id: string): Promise<VenueRow | null> {
    return findRow(manager, 'venues', { tenantId, id });
  }

  update(
    manager: EntityManager,
    tenantId: string,
    id: string,
    fields: VenueFields,
    now: Date,
  ): Promise<VenueRow | null> {
    return updateRow(manager, 'venues', { tenantId, id }, fields, now);
  }

  list(manager: EntityManager, tenantId: string, includeArchived: boolean): Promise<VenueRow[]> {
    return db(manager)
      .selectFrom('venues')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .$if(!includeArchived, (query) => query.where('archived_at', 'is', null))
      .orderBy(sql`lower(name)`)
      .orderBy('id')
      .execute();
  }
}
