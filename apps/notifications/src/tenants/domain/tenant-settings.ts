import { DEFAULT_LISTENING_LINES, DEFAULT_PRIMARY_COLOR } from '@respire/contracts';

/** What this service knows of a CPTS, from catalog.tenant.created / .settings-changed. */
export interface TenantSettings {
  tenantId: string;
  slug: string | null;
  name: string | null;
  timezone: string;
  locale: string;
  senderEmail: string | null;
  branding: { primaryColor?: string; logoUrl?: string };
  reminderOffsetsMinutes: number[];
  listeningLines: { name: string; phone: string; description?: string }[];
  privacyContact: string | null;
}

export { DEFAULT_LISTENING_LINES, DEFAULT_PRIMARY_COLOR };

/**
 * Until the catalog's tenant event arrives (topics are read independently), a tenant's messages
 * use these: Paris time, French, the platform sender, reminders 48 h and 3 h before, the national
 * listening lines.
 */
export function defaultTenantSettings(tenantId: string): TenantSettings {
  return {
    tenantId,
    slug: null,
    name: null,
    timezone: 'Europe/Paris',
    locale: 'fr',
    senderEmail: null,
    branding: {},
    reminderOffsetsMinutes: [2880, 180],
    listeningLines: DEFAULT_LISTENING_LINES,
    privacyContact: null,
  };
}

/** The name shown in messages. */
export function displayName(settings: TenantSettings): string {
  return settings.name ?? 'Votre CPTS';
}
