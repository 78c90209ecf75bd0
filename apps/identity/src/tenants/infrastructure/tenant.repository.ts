import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface KnownTenant {
  tenantId: string;
  slug: string | null;
  name: string | null;
}

/** identity's copy of each CPTS, from catalog's events: its name goes in the sign-in mail. */
@Injectable()
export class TenantRepository {
  async save(manager: EntityManager, tenant: { tenantId: string; slug?: string; name: string; senderEmail: string | null }): Promise<void> {
    await manager.query(
      `INSERT INTO tenants (tenant_id, slug, name, sender_email) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id) DO UPDATE SET slug = coalesce(EXCLUDED.slug, tenants.slug), name = EXCLUDED.name,
         sender_email = EXCLUDED.sender_email, updated_at = now()`,
      [tenant.tenantId, tenant.slug ?? null, tenant.name, tenant.senderEmail],
    );
  }

  async find(manager: EntityManager, tenantId: string): Promise<KnownTenant | null> {
    const rows: { tenant_id: string; slug: string | null; name: string | null }[] = await manager.query(
      `SELECT tenant_id, slug, name FROM tenants WHERE tenant_id = $1`,
      [tenantId],
    );
    return rows[0] ? { tenantId: rows[0].tenant_id, slug: rows[0].slug, name: rows[0].name } : null;
  }
}
