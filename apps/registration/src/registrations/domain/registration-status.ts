import {
  ACTIVE_REGISTRATION_STATUSES,
  holdsSeat,
  RegistrationStatus,
  REGISTRATION_STATUSES,
  SEAT_HOLDING_STATUSES,
} from '@respire/contracts';

/** Where a registration stands; which statuses hold a seat is libs/contracts' SEAT_HOLDING_STATUSES. */
export { holdsSeat, REGISTRATION_STATUSES, SEAT_HOLDING_STATUSES };
export type { RegistrationStatus };

export type ConfirmedVia = 'direct' | 'offer' | 'auto-promotion' | 'coordinator';
export type CancelledBy = 'participant' | 'coordinator' | 'session-cancelled';

const TRANSITIONS: Readonly<Record<RegistrationStatus, readonly RegistrationStatus[]>> = {
  waitlisted: ['offered', 'confirmed', 'cancelled'],
  offered: ['confirmed', 'declined', 'expired', 'cancelled'],
  confirmed: ['cancelled', 'attended', 'no_show'],
  // Attendance can be corrected either way.
  attended: ['no_show'],
  no_show: ['attended'],
  cancelled: [],
  declined: [],
  expired: [],
};

export function isActive(status: RegistrationStatus): boolean {
  return (ACTIVE_REGISTRATION_STATUSES as readonly RegistrationStatus[]).includes(status);
}

export function canMove(from: RegistrationStatus, to: RegistrationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
