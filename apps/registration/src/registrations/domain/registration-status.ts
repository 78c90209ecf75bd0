/**
 * Where a registration stands. `confirmed` and `offered` hold a seat; so do `attended` and
 * `no_show`, which were confirmed (taking attendance never frees a seat).
 */
export const REGISTRATION_STATUSES = [
  'confirmed',
  'waitlisted',
  'offered',
  'cancelled',
  'declined',
  'expired',
  'attended',
  'no_show',
] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** Statuses that still count as "registered" (one per participant per session). */
export const ACTIVE_STATUSES: readonly RegistrationStatus[] = ['confirmed', 'waitlisted', 'offered'];
export const SEAT_HOLDING_STATUSES: readonly RegistrationStatus[] = ['confirmed', 'offered', 'attended', 'no_show'];

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

export function holdsSeat(status: RegistrationStatus): boolean {
  return SEAT_HOLDING_STATUSES.includes(status);
}

export function isActive(status: RegistrationStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

export function canMove(from: RegistrationStatus, to: RegistrationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
