import { DateTime, IANAZone } from 'luxon';

export const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export type LocalInstant =
  { ok: true; instant: Date } | { ok: false; reason: 'invalid-date' | 'nonexistent-time' };

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * The instant a wall-clock time names in a zone: 18:30 on 2026-03-19 in Europe/Paris is 17:30Z,
 * on 2026-04-30 it is 16:30Z. A time skipped by a spring-forward change (02:30 on 2026-03-29 in
 * Paris) does not exist and is refused; a time that happens twice at the autumn change is read
 * as its first occurrence (summer time), as calendars do.
 */
export function localToInstant(date: string, time: string, zone: string): LocalInstant {
  if (!LOCAL_DATE.test(date) || !LOCAL_TIME.test(time)) return { ok: false, reason: 'invalid-date' };
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wanted = { year, month, day, hour, minute };
  const candidate = DateTime.fromObject(wanted, { zone });
  if (!candidate.isValid) return { ok: false, reason: 'invalid-date' };
  if (!sameWallClock(candidate, wanted)) return { ok: false, reason: 'nonexistent-time' };
  // Ambiguous wall time: is there an earlier instant with the same local reading?
  for (const backMinutes of [60, 30]) {
    const earlier = DateTime.fromMillis(candidate.toMillis() - backMinutes * 60_000, { zone });
    if (sameWallClock(earlier, wanted)) return { ok: true, instant: earlier.toJSDate() };
  }
  return { ok: true, instant: candidate.toJSDate() };
}

function sameWallClock(
  value: DateTime,
  wanted: { year: number; month: number; day: number; hour: number; minute: number },
): boolean {
  return (
    value.year === wanted.year &&
    value.month === wanted.month &&
    value.day === wanted.day &&
    value.hour === wanted.hour &&
    value.minute === wanted.minute
  );
}

export interface LocalReading {
  localDate: string;
  localStartTime: string;
  localEndTime: string;
}

/** How a session reads on the wall clock of its tenant. */
export function localReading(startsAt: Date, endsAt: Date, zone: string): LocalReading {
  const start = DateTime.fromJSDate(startsAt, { zone });
  const end = DateTime.fromJSDate(endsAt, { zone });
  return {
    localDate: start.toFormat('yyyy-MM-dd'),
    localStartTime: start.toFormat('HH:mm'),
    localEndTime: end.toFormat('HH:mm'),
  };
}

/** The first instant of a local day (for `from=2026-01-01`). */
export function startOfLocalDay(date: string, zone: string): Date | null {
  const value = DateTime.fromISO(date, { zone }).startOf('day');
  return value.isValid ? value.toJSDate() : null;
}

/** The first instant after a local day (for an inclusive `to=2026-12-31`). */
export function endOfLocalDay(date: string, zone: string): Date | null {
  const value = DateTime.fromISO(date, { zone }).startOf('day').plus({ days: 1 });
  return value.isValid ? value.toJSDate() : null;
}
