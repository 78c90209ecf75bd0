import { DateTime } from 'luxon';

/**
 * Instants as a French reader expects them, in the session's (the tenant's) time zone:
 * "jeudi 22 janvier 2026", "22/01", "18h30".
 */
export function localDateTime(instant: Date | string, zone: string): DateTime {
  const value = typeof instant === 'string' ? new Date(instant) : instant;
  return DateTime.fromJSDate(value, { zone }).setLocale('fr');
}

export function longDate(instant: Date | string, zone: string): string {
  return localDateTime(instant, zone).toFormat('cccc d LLLL yyyy');
}

export function shortDate(instant: Date | string, zone: string): string {
  return localDateTime(instant, zone).toFormat('dd/LL');
}

export function clockTime(instant: Date | string, zone: string): string {
  return localDateTime(instant, zone).toFormat("HH'h'mm");
}

/** "dans 3 heures", "dans 2 jours", "dans 45 minutes", "demain": how far a reminder is from the session. */
export function howSoon(offsetMinutes: number): string {
  if (offsetMinutes % 1440 === 0) {
    const days = offsetMinutes / 1440;
    return days === 1 ? 'demain' : `dans ${days} jours`;
  }
  if (offsetMinutes % 60 === 0) {
    const hours = offsetMinutes / 60;
    return hours === 1 ? 'dans une heure' : `dans ${hours} heures`;
  }
  return `dans ${offsetMinutes} minutes`;
}
