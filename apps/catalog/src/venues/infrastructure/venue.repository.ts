import { Injectable } from '@nestjs/common';
import { Selectable } from 'kysely';
import { EntityManager } from 'typeorm';
import { findRow, listByName, updateRow } from '../../common/sql';
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
    return listByName(manager, 'venues', tenantId, includeArchived);
  }
}
