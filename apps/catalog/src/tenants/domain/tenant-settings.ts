import { TENANT_CREATED_V1, TENANT_DEFAULTS } from '@respire/contracts';
import { z } from 'zod';

/** A CPTS's settings as the catalog holds them and publishes them (catalog.tenant.* events). */
export type TenantSettings = Omit<z.infer<typeof TENANT_CREATED_V1.schema>, 'tenantId' | 'slug'>;

/** What a new tenant gets for every setting it does not give (libs/contracts TENANT_DEFAULTS). */
export const DEFAULT_TENANT_SETTINGS: Omit<TenantSettings, 'name'> = {
  timezone: TENANT_DEFAULTS.timezone,
  locale: TENANT_DEFAULTS.locale,
  senderEmail: null,
  branding: {},
  reminderOffsetsMinutes: [...TENANT_DEFAULTS.reminderOffsetsMinutes],
  waitlist: { ...TENANT_DEFAULTS.waitlist },
  lateCancellationMinutes: TENANT_DEFAULTS.lateCancellationMinutes,
  listeningLines: TENANT_DEFAULTS.listeningLines,
  privacyContact: null,
  paymentInstructions: TENANT_DEFAULTS.paymentInstructions,
};

export type TenantSettingsPatch = Partial<Omit<TenantSettings, 'waitlist'>> & {
  waitlist?: Partial<TenantSettings['waitlist']>;
};

/** Settings after a partial change; `waitlist` and `branding` merge field by field. */
export function applySettingsPatch(current: TenantSettings, patch: TenantSettingsPatch): TenantSettings {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  return {
    ...current,
    ...defined,
    waitlist: { ...current.waitlist, ...(patch.waitlist ?? {}) },
    branding: patch.branding === undefined ? current.branding : { ...current.branding, ...patch.branding },
    reminderOffsetsMinutes: normaliseOffsets(patch.reminderOffsetsMinutes ?? current.reminderOffsetsMinutes),
  } as TenantSettings;
}

/** The settings of a stored tenant (a record), without its id, slug and timestamps. */
export function settingsOf(tenant: TenantSettings): TenantSettings {
  return {
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
    // Both kept whole: a change of any other setting must not drop them.
    embedOrigins: tenant.embedOrigins,
    region: tenant.region ?? null,
    ...(tenant.retention ? { retention: tenant.retention } : {}),
    paymentInstructions: tenant.paymentInstructions,
  };
}

/** Reminder offsets, largest first, without duplicates. */
export function normaliseOffsets(offsets: number[]): number[] {
  return [...new Set(offsets)].sort((a, b) => b - a);
}

export function sameSettings(a: TenantSettings, b: TenantSettings): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}
