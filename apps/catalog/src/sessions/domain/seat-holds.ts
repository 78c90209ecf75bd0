/**
 * What each registration event says about a seat. Only confirmed and offered registrations hold
 * one (never more confirmed + offered than seats: docs/architecture.md, seats); a registration keeps its seat when
 * it is checked in or marked absent, and gives it back when cancelled, declined or expired.
 */
export const SEAT_EFFECTS = {
  'registration.confirmed': { status: 'confirmed', holdsSeat: true },
  'registration.offered': { status: 'offered', holdsSeat: true },
  'registration.offer-accepted': { status: 'confirmed', holdsSeat: true },
  'registration.waitlisted': { status: 'waitlisted', holdsSeat: false },
  'registration.offer-declined': { status: 'declined', holdsSeat: false },
  'registration.offer-expired': { status: 'expired', holdsSeat: false },
  'registration.cancelled': { status: 'cancelled', holdsSeat: false },
  'registration.attended': { status: 'attended', holdsSeat: true },
  'registration.no-show': { status: 'no_show', holdsSeat: true },
} as const satisfies Record<string, { status: string; holdsSeat: boolean }>;

export type SeatEventType = keyof typeof SEAT_EFFECTS;

/** Places left for the public: never negative (a capacity lowered under the seats held shows 0). */
export function placesLeft(capacity: number, seatsTaken: number): number {
  return Math.max(0, capacity - seatsTaken);
}
