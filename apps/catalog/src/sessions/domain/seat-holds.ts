import { EventDefinition, eventRegistry, holdsSeat, RegistrationStatus } from '@respire/contracts';

/** The status each registration event leaves a registration in. */
const STATUS_AFTER = {
  'registration.confirmed': 'confirmed',
  'registration.offered': 'offered',
  'registration.offer-accepted': 'confirmed',
  'registration.waitlisted': 'waitlisted',
  'registration.offer-declined': 'declined',
  'registration.offer-expired': 'expired',
  'registration.cancelled': 'cancelled',
  'registration.attended': 'attended',
  'registration.no-show': 'no_show',
} as const satisfies Record<string, RegistrationStatus>;

export type SeatEventType = keyof typeof STATUS_AFTER;

/** The definitions (v1) of the events above: what the seat count subscribes to. */
export const SEAT_EVENTS: EventDefinition[] = Object.keys(STATUS_AFTER).map((type) => {
  const definition = eventRegistry.find(type, 1);
  if (!definition) throw new Error(`${type} v1 is not in the contracts' registry`);
  return definition;
});

/**
 * What each registration event says about a seat: whether the status it leaves holds one is
 * libs/contracts' SEAT_HOLDING_STATUSES (confirmed, offered, and once attendance is taken,
 * attended and no-show), the definition the registration service counts seats with.
 */
export const SEAT_EFFECTS = Object.fromEntries(
  Object.entries(STATUS_AFTER).map(([type, status]) => [type, { status, holdsSeat: holdsSeat(status) }]),
) as { readonly [T in SeatEventType]: { status: (typeof STATUS_AFTER)[T]; holdsSeat: boolean } };

/** Places left for the public: never negative (a capacity lowered under the seats held shows 0). */
export function placesLeft(capacity: number, seatsTaken: number): number {
  return Math.max(0, capacity - seatsTaken);
}
