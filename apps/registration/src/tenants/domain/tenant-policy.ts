import { TENANT_DEFAULTS } from '@respire/contracts';

/** A tenant's settings the seat rules need. */
export interface TenantPolicy {
  tenantId: string;
  slug: string | null;
  name: string | null;
  timezone: string;
  waitlistMode: 'offer' | 'auto-confirm';
  offerTtlMinutes: number;
  offerCutoffMinutes: number;
  lateCancellationMinutes: number;
}

export const DEFAULT_TENANT_POLICY: Omit<TenantPolicy, 'tenantId'> = {
  slug: null,
  name: null,
  timezone: TENANT_DEFAULTS.timezone,
  waitlistMode: TENANT_DEFAULTS.waitlist.mode,
  offerTtlMinutes: TENANT_DEFAULTS.waitlist.offerTtlMinutes,
  offerCutoffMinutes: TENANT_DEFAULTS.waitlist.offerCutoffMinutes,
  lateCancellationMinutes: TENANT_DEFAULTS.lateCancellationMinutes,
};
