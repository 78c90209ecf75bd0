import { DateTime } from 'luxon';

/*
 * How the paperwork writes dates and times, in French and in the session's zone: one place for
 * the attendance sheet, the certificate and the receipt.
 */

/** « jeudi 22 janvier 2026 ». */
export function frenchDate(instant: Date, timezone: string): string {
  return DateTime.fromJSDate(instant).setZone(timezone).setLocale('fr').toFormat('cccc d LLLL yyyy');
}

/** « 18h30 ». */
export function frenchTime(instant: Date, timezone: string): string {
  return DateTime.fromJSDate(instant).setZone(timezone).toFormat("HH'h'mm");
}

/** « de 18h30 à 19h30 ». */
export function frenchTimeRange(startsAt: Date, endsAt: Date, timezone: string): string {
  return `de ${frenchTime(startsAt, timezone)} à ${frenchTime(endsAt, timezone)}`;
}

/** « 1 h 30 », « 45 min », « 2 h ». */
export function frenchDuration(startsAt: Date, endsAt: Date): string {
  const minutes = Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${String(rest).padStart(2, '0')}`;
}

/** A local date (YYYY-MM-DD) as « 22 janvier 2026 ». */
export function frenchLocalDate(isoDate: string): string {
  return DateTime.fromISO(isoDate).setLocale('fr').toFormat('d LLLL yyyy');
}

/** A venue on one line. */
export function venueLine(venue: { name: string; address: string | null }): string {
  return venue.address ? `${venue.name}, ${venue.address}` : venue.name;
}
