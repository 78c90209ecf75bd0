import { chartable, type Protected } from '../../reports/domain/figures';

export interface OptionFigure {
  label: string;
  count: Protected;
  share: number | null;
}

/** One bar per answer; a hidden count has no bar (the table beside shows "<5"). */
export function optionBars(options: readonly OptionFigure[]): { réponse: string; réponses: number | null }[] {
  return options.map((o) => ({ réponse: o.label, réponses: chartable(o.count) }));
}

export function showShare(share: number | null): string {
  return share === null
    ? '—'
    : `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format(share)} %`;
}

export function showMean(mean: number | null): string {
  return mean === null ? '—' : new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(mean);
}

export function showChange(change: number | null, unit = ''): string {
  if (change === null) return '—';
  const formatted = new Intl.NumberFormat('fr-FR', {
    maximumFractionDigits: 2,
    signDisplay: 'always',
  }).format(change);
  return unit ? `${formatted} ${unit}` : formatted;
}

export const WAVE_LABELS: Record<string, string> = { before: 'Avant', after: 'Après' };
