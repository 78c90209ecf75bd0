import { PracticeMode, Profession, TENANT_DEFAULTS } from '@respire/contracts';

export type SessionStatus = 'published' | 'cancelled' | 'completed';

export interface Venue {
  id: string;
  name: string;
  address: string | null;
}

/** What this service knows of a catalog session (from catalog events), plus its seat count. */
export interface SessionCopy {
  tenantId: string;
  id: string;
  activityId: string;
  programmeId: string | null;
  title: string;
  category: string;
  confidential: boolean;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  venue: Venue;
  facilitatorId: string | null;
  /** Names an attendance sheet shows (null when catalog did not say: older events). */
  facilitatorName: string | null;
  programmeTitle: string | null;
  funder: string | null;
  capacity: number;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  eligibleProfessions: Profession[];
  /** Empty: every practice mode. */
  eligiblePracticeModes: PracticeMode[];
  priceCents: number;
  sequence: number;
  status: SessionStatus;
  cancellationReason: string | null;
  /** Registrations holding a seat (SEAT_HOLDING_STATUSES), kept by the database. */
  seatsHeld: number;
  /**
   * When the row last changed other than by its seat count (catalog updates, cancellation): a
   * decision made on a copy read before the lock is still good if this has not moved.
   */
  version: string;
}

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
