import { DateTime } from 'luxon';

/** A local date and time in French, e.g. « jeudi 22 janvier 2026 à 18h30 ». */
export function frenchDateTime(instant: Date, timezone: string): string {
  return DateTime.fromJSDate(instant)
    .setZone(timezone)
    .setLocale('fr')
    .toFormat("cccc d LLLL yyyy 'à' HH'h'mm");
}
