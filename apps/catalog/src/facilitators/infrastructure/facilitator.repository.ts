import { Injectable } from '@nestjs/common';
import { Selectable } from 'kysely';
import { EntityManager } from 'typeorm';
import { findRow, listByName, updateRow } from '../../common/sql';
import { Facilitators } from '../../infrastructure/database';
import { db } from '../../infrastructure/db';

export type FacilitatorRow = Selectable<Facilitators>;

export interface FacilitatorFields {
  name?: string;
  email?: string | null;
  phone?: string | null;
  bio?: string | null;
}

@Injectable()
export class FacilitatorRepository {
  insert(
    manager: EntityManager,
    tenantId: string,
    id: string,
    fields: Required<FacilitatorFields>,
    now: Date,
  ): Promise<FacilitatorRow> {
    return db(manager)
      .insertInto('facilitators')
      .values({
        tenant_id: tenantId,
        id,
        name: fields.name,
        email: fields.email,
        phone: fields.phone,
        bio: fields.bio,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  find(manager: EntityManager, tenantId: string, id: string): Promise<FacilitatorRow | null> {
    return findRow(manager, 'facilitators', { tenantId, id });
  }

  update(
    manager: EntityManager,
    tenantId: string,
    id: string,
    fields: FacilitatorFields,
    now: Date,
  ): Promise<FacilitatorRow | null> {
    return updateRow(manager, 'facilitators', { tenantId, id }, fields, now);
  }

  list(manager: EntityManager, tenantId: string, includeArchived: boolean): Promise<FacilitatorRow[]> {
    return listByName(manager, 'facilitators', tenantId, includeArchived);
  }
}
