import { TenantDirectoryEntry, TenantRecord } from '../infrastructure/tenant.repository';

export function tenantResponse(tenant: TenantRecord) {
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    timezone: tenant.timezone,
    locale: tenant.locale,
    senderEmail: tenant.senderEmail,
    branding: tenant.branding,
    reminderOffsetsMinutes: tenant.reminderOffsetsMinutes,
    waitlist: tenant.waitlist,
    lateCancellationMinutes: tenant.lateCancellationMinutes,
    listeningLines: tenant.listeningLines,
    privacyContact: tenant.privacyContact,
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
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
