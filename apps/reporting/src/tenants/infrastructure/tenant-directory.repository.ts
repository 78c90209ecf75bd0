import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { retryTransient } from '@respire/platform';
import { TRANSACTION_RETRY_BUDGET_MS } from '@respire/tenancy';
import { db } from '../../infrastructure/db';

const RETRY = { budgetMs: TRANSACTION_RETRY_BUDGET_MS };

export interface DirectoryTenant {
  tenantId: string;
  slug: string | null;
  name: string;
  timezone: string;
  region: string | null;
}

@Injectable()
export class TenantDirectoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Created (with its slug) or changed: `region` undefined keeps the one held. */
  async save(
    manager: EntityManager,
    tenant: { tenantId: string; slug?: string; name: string; timezone: string; region?: string | null },
  ): Promise<void> {
    await db(manager)
      .insertInto('tenant_directory')
      .values({
        tenant_id: tenant.tenantId,
        slug: tenant.slug ?? null,
        name: tenant.name,
        timezone: tenant.timezone,
        region: tenant.region ?? null,
      })
      .onConflict((conflict) =>
        conflict.column('tenant_id').doUpdateSet((eb) => ({
          slug: eb.fn.coalesce('excluded.slug', 'tenant_directory.slug'),
          name: eb.ref('excluded.name'),
          timezone: eb.ref('excluded.timezone'),
          ...(tenant.region !== undefined ? { region: eb.ref('excluded.region') } : {}),
        })),
      )
      .execute();
  }

  async bySlug(slug: string): Promise<DirectoryTenant | null> {
    const row = await retryTransient(() => this.tenants().where('slug', '=', slug).executeTakeFirst(), RETRY);
    return row ?? null;
  }

  async byId(tenantId: string): Promise<DirectoryTenant | null> {
    const row = await retryTransient(
      () => this.tenants().where('tenant_id', '=', tenantId).executeTakeFirst(),
      RETRY,
    );
    return row ?? null;
  }

  /** The CPTS of a region, by name. */
  async ofRegion(region: string): Promise<DirectoryTenant[]> {
    return retryTransient(
      () => this.tenants().where('region', '=', region).orderBy('name').orderBy('tenant_id').execute(),
      RETRY,
    );
  }

  /** Outside any transaction: the directory has no row-level security (see tenant-directory.names). */
  private tenants() {
    return db(this.dataSource.manager)
      .selectFrom('tenant_directory')
      .select(['tenant_id as tenantId', 'slug', 'name', 'timezone', 'region']);
  }
}
