import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { camelRow, snakeRow } from '@respire/tenancy';
import { db } from '../../infrastructure/db';

export interface FacilitatorContact {
  facilitatorId: string;
  name: string;
  email: string;
}

/**
 * Where a facilitator's attendee list goes. The catalog contract (v1) names facilitators by id
 * only, so coordinators give the address here until the catalog publishes it.
 */
@Injectable()
export class FacilitatorContactRepository {
  async get(
    manager: EntityManager,
    tenantId: string,
    facilitatorId: string,
  ): Promise<FacilitatorContact | null> {
    const row = await db(manager)
      .selectFrom('facilitator_contact')
      .select(['facilitator_id', 'name', 'email'])
      .where('tenant_id', '=', tenantId)
      .where('facilitator_id', '=', facilitatorId)
      .executeTakeFirst();
    return row ? camelRow(row) : null;
  }

  async save(manager: EntityManager, tenantId: string, contact: FacilitatorContact): Promise<void> {
    await db(manager)
      .insertInto('facilitator_contact')
      .values({ tenant_id: tenantId, ...snakeRow(contact) })
      .onConflict((conflict) =>
        conflict.columns(['tenant_id', 'facilitator_id']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          email: eb.ref('excluded.email'),
          updated_at: sql<Date>`now()`,
        })),
      )
      .execute();
  }
}
