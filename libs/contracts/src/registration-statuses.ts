/**
 * Where a registration stands, shared by the services that count seats (registration keeps the
 * count, catalog shows places left): one definition, so they cannot disagree.
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

/**
 * Statuses that hold a seat: confirmed and offered (a seat kept for someone until the offer
 * expires), and, once attendance is taken, attended and no_show: they were confirmed, and
 * checking people in or marking them absent must never free a seat for a newcomer.
 */
export const SEAT_HOLDING_STATUSES = [
  'confirmed',
  'offered',
  'attended',
  'no_show',
] as const satisfies readonly RegistrationStatus[];

/** Statuses that still count as "registered": one per participant per session. */
export const ACTIVE_REGISTRATION_STATUSES = [
  'confirmed',
  'waitlisted',
  'offered',
] as const satisfies readonly RegistrationStatus[];

export function holdsSeat(status: RegistrationStatus): boolean {
  return (SEAT_HOLDING_STATUSES as readonly RegistrationStatus[]).includes(status);
}
