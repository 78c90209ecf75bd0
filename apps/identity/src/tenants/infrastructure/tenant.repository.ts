import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { db } from '../../infrastructure/db';

export interface KnownTenant {
  tenantId: string;
  slug: string | null;
  name: string | null;
}

/** identity's copy of each CPTS, from catalog's events: its name goes in the sign-in mail. */
@Injectable()
export class TenantRepository {
  async save(
    manager: EntityManager,
    tenant: { tenantId: string; slug?: string; name: string; senderEmail: string | null },
  ): Promise<void> {
    await db(manager)
      .insertInto('tenants')
      .values({
        tenant_id: tenant.tenantId,
        slug: tenant.slug ?? null,
        name: tenant.name,
        sender_email: tenant.senderEmail,
      })
      .onConflict((conflict) =>
        conflict.column('tenant_id').doUpdateSet((eb) => ({
          slug: eb.fn.coalesce('excluded.slug', 'tenants.slug'),
          name: eb.ref('excluded.name'),
          sender_email: eb.ref('excluded.sender_email'),
          updated_at: sql<Date>`now()`,
        })),
      )
      .execute();
  }

  async find(manager: EntityManager, tenantId: string): Promise<KnownTenant | null> {
    const row = await db(manager)
      .selectFrom('tenants')
      .select(['tenant_id', 'slug', 'name'])
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    return row ? { tenantId: row.tenant_id, slug: row.slug, name: row.name } : null;
  }
}
