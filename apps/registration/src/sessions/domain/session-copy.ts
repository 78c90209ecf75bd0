import { PracticeMode, Profession } from '@respire/contracts';

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
