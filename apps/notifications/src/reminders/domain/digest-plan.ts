import { DateTime } from 'luxon';

/**
 * When a facilitator gets the attendee list: the day before the session at `hour` local time.
 * A session planned later than that gets it at once, as long as it has not started; null after.
 */
export function digestTime(startsAt: Date, timezone: string, hour: number, now: Date): Date | null {
  if (startsAt.getTime() <= now.getTime()) return null;
  const dayBefore = DateTime.fromJSDate(startsAt, { zone: timezone })
    .minus({ days: 1 })
    .set({ hour, minute: 0, second: 0, millisecond: 0 })
    .toJSDate();
  return dayBefore.getTime() > now.getTime() ? dayBefore : now;
}
