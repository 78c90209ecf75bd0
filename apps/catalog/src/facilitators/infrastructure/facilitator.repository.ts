import { Injectable } from '@nestjs/common';
import { Selectable, sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { findRow } from '../../common/sql';
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

  async update(
    manager: EntityManager,
    tenantId: string,
    id: string,
    fields: FacilitatorFields,
    now: Date,
  ): Promise<FacilitatorRow | null> {
    const row = await db(manager)
      .updateTable('facilitators')
      .set({ ...fields, updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  }

  list(manager: EntityManager, tenantId: string, includeArchived: boolean): Promise<FacilitatorRow[]> {
    return db(manager)
      .selectFrom('facilitators')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .$if(!includeArchived, (query) => query.where('archived_at', 'is', null))
      .orderBy(sql`lower(name)`)
      .orderBy('id')
      .execute();
  }
}
