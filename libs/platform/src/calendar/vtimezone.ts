import { DateTime, IANAZone } from 'luxon';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** One observance of a VTIMEZONE: from its onset (local wall time in the old offset) the zone is at `offsetTo`. */
export interface ZoneObservance {
  kind: 'STANDARD' | 'DAYLIGHT';
  /** Local wall time of the onset, `YYYYMMDDTHHMMSS`, as read with `offsetFrom`. */
  onsetLocal: string;
  offsetFrom: number;
  offsetTo: number;
  name: string;
}

/**
 * The observances of an IANA zone that cover [from, to]: the offset in force at `from`, then
 * every transition up to `to`, found by scanning day by day and bisecting to the minute. Written
 * out as explicit onsets (no RRULE), which every calendar client reads and which stays right
 * when a zone's rules change in the tz database.
 */
export function zoneObservances(zone: string, from: Date, to: Date): ZoneObservance[] {
  if (!IANAZone.isValidZone(zone)) throw new Error(`unknown time zone ${zone}`);
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
  const describe = (ms: number, offsetFrom: number): ZoneObservance => {
    const at = DateTime.fromMillis(ms, { zone });
    const before = DateTime.fromMillis(ms, { zone: 'utc' }).plus({ minutes: offsetFrom });
    return {
      kind: at.isInDST ? 'DAYLIGHT' : 'STANDARD',
      onsetLocal: before.toFormat("yyyyMMdd'T'HHmmss"),
      offsetFrom,
      offsetTo: at.offset,
      name: at.setLocale('en-GB').offsetNameShort ?? formatOffset(at.offset),
    };
  };

  const start = Math.floor(from.getTime() / DAY_MS) * DAY_MS; // midnight UTC: every probe is on a whole minute
  const observances: ZoneObservance[] = [describe(start, offsetAt(start))];
  let previous = offsetAt(start);
  for (let day = start; day < to.getTime(); day += DAY_MS) {
    const next = Math.min(day + DAY_MS, to.getTime());
    if (offsetAt(next) === previous) continue;
    // Bisect to the first minute with the new offset.
    let low = day;
    let high = next;
    while (high - low > MINUTE_MS) {
      const middle = low + Math.max(MINUTE_MS, Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS);
      if (offsetAt(middle) === previous) low = middle;
      else high = middle;
    }
    observances.push(describe(high, previous));
    previous = offsetAt(high);
  }
  return observances;
}

/** +0100, -0330 */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** The VTIMEZONE component lines for `zone`, covering a year either side of [start, end]. */
export function vtimezoneLines(zone: string, start: Date, end: Date): string[] {
  const from = new Date(start.getTime() - 366 * DAY_MS);
  const to = new Date(end.getTime() + 366 * DAY_MS);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  for (const observance of zoneObservances(zone, from, to)) {
    lines.push(
      `BEGIN:${observance.kind}`,
      `DTSTART:${observance.onsetLocal}`,
      `TZOFFSETFROM:${formatOffset(observance.offsetFrom)}`,
      `TZOFFSETTO:${formatOffset(observance.offsetTo)}`,
      `TZNAME:${observance.name}`,
      `END:${observance.kind}`,
    );
  }
  lines.push('END:VTIMEZONE');
  return lines;
}
