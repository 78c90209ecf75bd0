import { csvCount, csvDecimal, toCsv } from '../../reports/presenters/csv';
import { PublishedDistribution, SurveyResults } from '../domain/survey-results';

const HEADERS = [
  'Question',
  'Groupe',
  'Réponse',
  'Effectif',
  'Part (%)',
  'Répondants à la question',
  'Moyenne',
  'D’accord (%)',
];

function lines(question: string, group: string, d: PublishedDistribution): (string | number | null)[][] {
  const common = [csvCount(d.answered), csvDecimal(d.mean), csvDecimal(d.agreeing?.share ?? null)];
  if (d.options.length === 0) return [[question, group, '', '', '', ...common]];
  return d.options.map((o) => [question, group, o.label, csvCount(o.count), csvDecimal(o.share), ...common]);
}

/**
 * A survey's results for a spreadsheet: one line per question, group and answer, the protected
 * counts as published (`<5`, `≥5`), then the quotes their authors agreed to. Through toCsv
 * (spreadsheetCsv): a typed answer starting with `=` is shown as text, never run.
 */
export function surveyResultsCsv(results: SurveyResults): string {
  const rows: (string | number | null)[][] = [HEADERS];
  for (const q of results.questions) {
    rows.push(...lines(q.label, 'Ensemble', q.overall));
    for (const breakdown of q.breakdowns) {
      const dimension = results.dimensions.find((d) => d.key === breakdown.dimension)!.label;
      for (const group of breakdown.groups)
        rows.push(...lines(q.label, `${dimension} : ${group.label}`, group));
    }
    for (const quote of q.quotes ?? [])
      rows.push([q.label, 'Citation (avec accord)', quote, '', '', '', '', '']);
  }
  return toCsv(rows);
}
