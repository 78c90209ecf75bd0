import { TENANT_DEFAULTS } from '@respire/contracts';
import { settingsOf } from '../domain/tenant-settings';
import { TenantDirectoryEntry, TenantRecord } from '../infrastructure/tenant.repository';

export function tenantResponse(tenant: TenantRecord) {
  return {
    id: tenant.id,
    slug: tenant.slug,
    ...settingsOf(tenant),
    embedOrigins: tenant.embedOrigins ?? [],
    retention: tenant.retention ?? { ...TENANT_DEFAULTS.retention },
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
  };
}

/** What anyone may read of a CPTS: what its public pages show, and the sites that may embed them. */
export function publicTenantResponse(tenant: TenantRecord) {
  return {
    slug: tenant.slug,
    name: tenant.name,
    timezone: tenant.timezone,
    locale: tenant.locale,
    branding: tenant.branding,
    listeningLines: tenant.listeningLines,
    privacyContact: tenant.privacyContact,
    embedOrigins: tenant.embedOrigins ?? [],
    paymentInstructions: tenant.paymentInstructions,
  };
}

export function tenantDirectoryResponse(entry: TenantDirectoryEntry) {
  return {
    id: entry.id,
    slug: entry.slug,
    name: entry.name,
    timezone: entry.timezone,
    createdAt: entry.createdAt.toISOString(),
  };
}
