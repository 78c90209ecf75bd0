import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { retryTransient } from '@respire/platform';
import { TRANSACTION_RETRY_BUDGET_MS } from '@respire/tenancy';
import { TENANT_DIRECTORY } from './tenant-directory.names';

const RETRY = { budgetMs: TRANSACTION_RETRY_BUDGET_MS };

export interface DirectoryTenant {
  tenantId: string;
  slug: string | null;
  name: string;
  timezone: string;
  region: string | null;
}

const COLUMNS = `tenant_id AS "tenantId", slug, name, timezone, region`;

@Injectable()
export class TenantDirectoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Created (with its slug) or changed: `region` undefined keeps the one held. */
  async save(
    manager: EntityManager,
    tenant: { tenantId: string; slug?: string; name: string; timezone: string; region?: string | null },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO ${TENANT_DIRECTORY} (tenant_id, slug, name, timezone, region) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id) DO UPDATE SET slug = COALESCE(EXCLUDED.slug, ${TENANT_DIRECTORY}.slug), name = EXCLUDED.name,
         timezone = EXCLUDED.timezone, region = CASE WHEN $6 THEN EXCLUDED.region ELSE ${TENANT_DIRECTORY}.region END`,
      [
        tenant.tenantId,
        tenant.slug ?? null,
        tenant.name,
        tenant.timezone,
        tenant.region ?? null,
        tenant.region !== undefined,
      ],
    );
  }

  async bySlug(slug: string): Promise<DirectoryTenant | null> {
    const rows: DirectoryTenant[] = await retryTransient(
      () => this.dataSource.query(`SELECT ${COLUMNS} FROM ${TENANT_DIRECTORY} WHERE slug = $1`, [slug]),
      RETRY,
    );
    return rows[0] ?? null;
  }

  async byId(tenantId: string): Promise<DirectoryTenant | null> {
    const rows: DirectoryTenant[] = await retryTransient(
      () =>
        this.dataSource.query(`SELECT ${COLUMNS} FROM ${TENANT_DIRECTORY} WHERE tenant_id = $1`, [tenantId]),
      RETRY,
    );
    return rows[0] ?? null;
  }

  /** The CPTS of a region, by name. */
  async ofRegion(region: string): Promise<DirectoryTenant[]> {
    return retryTransient(
      () =>
        this.dataSource.query(
          `SELECT ${COLUMNS} FROM ${TENANT_DIRECTORY} WHERE region = $1 ORDER BY name, tenant_id`,
          [region],
        ),
      RETRY,
    );
  }
}
