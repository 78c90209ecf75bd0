/**
 * Reminder offsets as coordinators write them: "48, 3" (hours) ↔ [2880, 180] (minutes). A comma
 * followed by a space (or a semicolon) separates; a comma between digits is a decimal ("1,5").
 */
export function hoursText(minutes: readonly number[]): string {
  return minutes.map((m) => String(Math.round((m / 60) * 10) / 10).replace('.', ',')).join(', ');
}

export function parseHours(text: string): number[] | null {
  const parts = text.split(/;|,\s+|\s+/).filter(Boolean);
  const minutes = parts.map((part) => Math.round(Number(part.replace(',', '.')) * 60));
  if (minutes.some((m) => !Number.isFinite(m) || m <= 0)) return null;
  return [...new Set(minutes)].sort((a, b) => b - a);
}
