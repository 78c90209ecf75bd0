import { Injectable } from '@nestjs/common';
import { Principal, Role, runTransaction } from '@respire/tenancy';
import { CatalogDatabase, inTenantFoundBy } from '../../../common/catalog-database';
import { ResourceNotFoundError } from '../../../common/catalog-errors';
import { mayManageTenant } from '../../domain/tenant-access';
import { TenantDirectoryEntry, TenantRecord, TenantRepository } from '../../infrastructure/tenant.repository';

/** Reading tenants: a platform admin sees every CPTS, a coordinator only their own. */
@Injectable()
export class ReadTenantsUseCase {
  constructor(
    private readonly db: CatalogDatabase,
    private readonly tenants: TenantRepository,
  ) {}

  async one(principal: Principal, tenantId: string): Promise<TenantRecord> {
    if (!mayManageTenant(principal, tenantId)) throw new ResourceNotFoundError('tenant');
    const tenant = await this.db.inTenant(tenantId, (manager) => this.tenants.find(manager, tenantId));
    if (!tenant) throw new ResourceNotFoundError('tenant');
    return tenant;
  }

  /** Public: the CPTS a slug names (a slug is public), or 404. */
  async bySlug(slug: string): Promise<TenantRecord> {
    const tenant = await inTenantFoundBy(
      this.db,
      (manager) => this.tenants.idBySlug(manager, slug),
      (manager, tenantId) => this.tenants.find(manager, tenantId),
    );
    if (!tenant) throw new ResourceNotFoundError('tenant');
    return tenant;
  }

  async list(principal: Principal): Promise<TenantDirectoryEntry[]> {
    if (principal.roles.includes(Role.PlatformAdmin)) {
      return runTransaction(this.db.dataSource, (manager) => this.tenants.directory(manager));
    }
    if (!principal.tenantId) return [];
    const own = await this.db.inTenant(principal.tenantId, (manager) =>
      this.tenants.find(manager, principal.tenantId!),
    );
    return own
      ? [{ id: own.id, slug: own.slug, name: own.name, timezone: own.timezone, createdAt: own.createdAt }]
      : [];
  }
}
