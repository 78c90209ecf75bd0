import {
  DEFAULT_LISTENING_LINES,
  DEFAULT_PRIMARY_COLOR,
  PaymentInstructions,
  TENANT_DEFAULTS,
} from '@respire/contracts';

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
  /** How a session with a price is paid (shown with the price in every participant message). */
  paymentInstructions: PaymentInstructions;
}

export { DEFAULT_LISTENING_LINES, DEFAULT_PRIMARY_COLOR };

/**
 * Until the catalog's tenant event arrives (topics are read independently), a tenant's messages
 * use the platform's defaults (libs/contracts TENANT_DEFAULTS) and the platform sender.
 */
export function defaultTenantSettings(tenantId: string): TenantSettings {
  return {
    tenantId,
    slug: null,
    name: null,
    timezone: TENANT_DEFAULTS.timezone,
    locale: TENANT_DEFAULTS.locale,
    senderEmail: null,
    branding: {},
    reminderOffsetsMinutes: [...TENANT_DEFAULTS.reminderOffsetsMinutes],
    listeningLines: TENANT_DEFAULTS.listeningLines,
    privacyContact: null,
    paymentInstructions: TENANT_DEFAULTS.paymentInstructions,
  };
}

/** The name shown in messages. */
export function displayName(settings: TenantSettings): string {
  return settings.name ?? 'Votre CPTS';
}
