/** A count the funder report may hide: a number, or "<5" / "≥5" under small-count protection. */
export type Protected = number | '<5' | '≥5';

/** For charts: hidden counts cannot be drawn, so they are left out (the table beside shows them). */
export function chartable(value: Protected): number | null {
  return typeof value === 'number' ? value : null;
}

export function showCount(value: Protected): string {
  return typeof value === 'number' ? new Intl.NumberFormat('fr-FR').format(value) : value;
}

export function showRate(rate: number | null): string {
  return rate === null
    ? '—'
    : new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}
