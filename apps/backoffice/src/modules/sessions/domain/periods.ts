/** `YYYY-MM-DD` of a date in the browser's calendar. */
export function isoDate(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** From `daysBack` days ago to `days` days ahead (the catalog's from/to are inclusive local dates). */
export function comingWindow(now: Date, days: number, daysBack = 0): { from: string; to: string } {
  const from = new Date(now);
  from.setDate(from.getDate() - daysBack);
  const to = new Date(now);
  to.setDate(to.getDate() + days);
  return { from: isoDate(from), to: isoDate(to) };
}
