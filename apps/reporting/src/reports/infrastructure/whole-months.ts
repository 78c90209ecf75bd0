/** A range of local months, `YYYY-MM`, both ends included. */
export interface MonthRange {
  first: string;
  last: string;
}

const EARLIEST = '0001-01';
const LATEST = '9999-12';

function shift(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number);
  const index = year * 12 + (m - 1) + by;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function lastDayOf(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(year, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/**
 * The months wholly inside local dates `from`–`to` (inclusive, null: unbounded), and no later than
 * `notAfter`: what a report can read from the rollups kept per month; null when there is none.
 */
export function wholeMonths(from: string | null, to: string | null, notAfter = LATEST): MonthRange | null {
  const first =
    from === null ? EARLIEST : from.endsWith('-01') ? from.slice(0, 7) : shift(from.slice(0, 7), 1);
  let last =
    to === null ? LATEST : to === lastDayOf(to.slice(0, 7)) ? to.slice(0, 7) : shift(to.slice(0, 7), -1);
  if (notAfter < last) last = notAfter;
  return first <= last ? { first, last } : null;
}

/**
 * The local dates of `months`: from the first day of the first (null for the earliest month),
 * until the first day after the last (null for the latest), as constants the planner can estimate
 * a date index's range with.
 */
export function datesOf(months: MonthRange): { from: string | null; until: string | null } {
  return {
    from: months.first === EARLIEST ? null : `${months.first}-01`,
    until: months.last === LATEST ? null : `${shift(months.last, 1)}-01`,
  };
}

/**
 * The last month whose sessions have all started by `now`, wherever they took place: the month
 * before the one of two days ago (UTC), so no time zone puts a session of it after `now`.
 */
export function lastMonthOver(now: Date): string {
  const earlier = new Date(now.getTime() - 2 * 24 * 3600 * 1000);
  return shift(earlier.toISOString().slice(0, 7), -1);
}

/**
 * The calendar period local dates `from`–`to` (inclusive) are exactly, as the distinct counts are
 * kept by: `''` for no bounds (the whole history), `2026` for 1 January–31 December,
 * `2026-Q1` for a calendar quarter; null for any other scope.
 */
export function periodOf(from: string | null, to: string | null): string | null {
  if (from === null && to === null) return '';
  if (from === null || to === null || !from.endsWith('-01') || to.slice(0, 4) !== from.slice(0, 4))
    return null;
  const [year, first, last] = [from.slice(0, 4), from.slice(5, 7), to.slice(5, 7)];
  if (to !== lastDayOf(to.slice(0, 7))) return null;
  if (first === '01' && last === '12') return year;
  const quarter = (Number(first) + 2) / 3;
  return Number.isInteger(quarter) && Number(last) === Number(first) + 2 ? `${year}-Q${quarter}` : null;
}
