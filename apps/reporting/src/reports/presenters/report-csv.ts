import { centsAsDecimal } from '@respire/contracts';
import { GroupRow, PublishedFigures } from '../domain/report-model';
import { GetBreakdownReportUseCase } from '../use-cases/get-breakdown-report/get-breakdown-report.use-case';
import { FunderSummary } from '../use-cases/get-funder-summary/get-funder-summary.use-case';
import { GetParticipantsReportUseCase } from '../use-cases/get-participants-report/get-participants-report.use-case';
import { GetSatisfactionReportUseCase } from '../use-cases/get-satisfaction-report/get-satisfaction-report.use-case';
import { GetUnmetDemandReportUseCase } from '../use-cases/get-unmet-demand-report/get-unmet-demand-report.use-case';
import { ListSessionReportsUseCase } from '../use-cases/list-session-reports/list-session-reports.use-case';
import { csvCount, csvDecimal, csvRate, figureCells, figureColumns, figureHeaders, toCsv } from './csv';
import {
  FIGURE_LABELS,
  FIGURE_ORDER,
  PRACTICE_MODE_LABELS,
  PROFESSION_LABELS,
  RATE_FIGURES,
} from './report-labels';

type Result<U extends { execute: (...args: never[]) => unknown }> = Awaited<ReturnType<U['execute']>>;

const DIMENSION_LABELS: Record<string, string> = {
  activity: 'Activité',
  category: 'Catégorie',
  programme: 'Programme',
  venue: 'Lieu',
  month: 'Mois',
};

export function breakdownCsv(report: Result<GetBreakdownReportUseCase>): string {
  const rows: GroupRow[] = [...report.rows, { ...report.total, label: 'Total' }];
  const columns = figureColumns(rows.map((row) => row.figures));
  return toCsv([
    [DIMENSION_LABELS[report.dimension], 'Confidentielle', ...figureHeaders(columns)],
    ...rows.map((row) => [row.label, row.confidential ? 'oui' : 'non', ...figureCells(row.figures, columns)]),
  ]);
}

export function sessionsCsv(report: Result<ListSessionReportsUseCase>): string {
  const columns = figureColumns(report.sessions.map((s) => s.figures as PublishedFigures));
  return toCsv([
    [
      'Date',
      'Activité',
      'Catégorie',
      'Programme',
      'Lieu',
      'Statut',
      'Capacité',
      ...figureHeaders(columns),
      "Pic de liste d'attente",
    ],
    ...report.sessions.map((s) => [
      s.localDate,
      s.activityTitle,
      s.category,
      s.programmeTitle ?? '',
      s.venueName ?? '',
      s.status,
      s.capacity,
      ...figureCells(s.figures, columns),
      csvCount(s.figures.waitlistPeak),
    ]),
  ]);
}

type Profiles = Pick<
  Result<GetParticipantsReportUseCase>,
  'byProfession' | 'byPracticeMode' | 'byDepartment'
>;

/** Participants by profession, practice mode and département, one `[breakdown, value, count]` line each. */
function profileLines(profiles: Profiles): string[][] {
  return [
    ...profiles.byProfession.map((p) => [
      'Profession',
      PROFESSION_LABELS[p.value] ?? p.value,
      csvCount(p.participants),
    ]),
    ...profiles.byPracticeMode.map((p) => [
      "Mode d'exercice",
      PRACTICE_MODE_LABELS[p.value] ?? p.value,
      csvCount(p.participants),
    ]),
    ...profiles.byDepartment.map((p) => ['Département', p.value, csvCount(p.participants)]),
  ];
}

export function participantsCsv(report: Result<GetParticipantsReportUseCase>): string {
  return toCsv([
    ['Répartition', 'Valeur', 'Participants'],
    ['Total', '', csvCount(report.participants)],
    ...profileLines(report),
  ]);
}

export function unmetDemandCsv(report: Result<GetUnmetDemandReportUseCase>): string {
  return toCsv([
    [
      'Activité',
      'Mois',
      'Séances tenues',
      'Capacité moyenne',
      'En attente au début de la séance',
      'Séances supplémentaires nécessaires',
    ],
    ...[...report.rows, ...report.activities].map((row) => [
      row.activityTitle,
      row.month ?? 'toute la période',
      row.sessionsHeld,
      csvDecimal(row.averageCapacity),
      csvCount(row.unservedAtStart),
      row.extraSessionsNeeded ?? '',
    ]),
    ['Total', '', '', '', csvCount(report.total.unservedAtStart), report.total.extraSessionsNeeded ?? ''],
  ]);
}

export function satisfactionCsv(report: Result<GetSatisfactionReportUseCase>): string {
  const ratings = ['1', '2', '3', '4', '5'];
  return toCsv([
    ['Activité', 'Réponses', ...ratings.map((r) => `Note ${r}`), 'Note moyenne'],
    ...report.activities.map((a) => [
      a.activityTitle,
      csvCount(a.responses),
      ...ratings.map((r) => csvCount(a.distribution[r])),
      csvDecimal(a.mean),
    ]),
    [
      'Total',
      csvCount(report.total.responses),
      ...ratings.map((r) => csvCount(report.total.distribution[r])),
      csvDecimal(report.total.mean),
    ],
  ]);
}

/**
 * The funder export: every table of the funder report in one file, one figure per line
 * (section, group, indicator, value), ready for a pivot table.
 */
export function funderCsv(report: FunderSummary): string {
  const lines: (string | number | null)[][] = [['Section', 'Groupe', 'Indicateur', 'Valeur']];
  const figures = (section: string, group: string, values: PublishedFigures) => {
    for (const key of FIGURE_ORDER) {
      if (values[key] === undefined) continue;
      const value = RATE_FIGURES.has(key)
        ? csvRate(values[key] as number | null)
        : csvCount(values[key] as never);
      lines.push([section, group, FIGURE_LABELS[key], value]);
    }
  };
  lines.push(['Périmètre', 'CPTS', 'Nom', report.tenant.name ?? '']);
  if (report.programme) {
    lines.push(['Périmètre', 'Programme', 'Titre', report.programme.title]);
    lines.push(['Périmètre', 'Programme', 'Financeur', report.programme.funder ?? '']);
    lines.push(['Périmètre', 'Programme', 'Partenaires', report.programme.partners.join(', ')]);
  }
  lines.push(['Périmètre', 'Période', 'Du', report.scope.from ?? '']);
  lines.push(['Périmètre', 'Période', 'Au', report.scope.to ?? '']);
  figures('Totaux', 'Toutes activités', report.totals);
  for (const row of report.activities)
    figures('Par activité', row.confidential ? `${row.label} (confidentielle)` : row.label, row.figures);
  for (const row of report.months.rows)
    figures('Par mois (hors activités confidentielles)', row.label, row.figures);
  figures('Par mois (hors activités confidentielles)', 'Total', report.months.total.figures);
  const p = report.participants;
  const participants = 'Participants (hors activités confidentielles)';
  lines.push([participants, 'Total', 'Participants', csvCount(p.participants)]);
  for (const line of profileLines(p)) lines.push([participants, ...line]);
  const satisfaction = (
    group: string,
    row: { responses: unknown; distribution: Record<string, unknown>; mean: number | null },
  ) => {
    lines.push(['Satisfaction', group, 'Réponses', csvCount(row.responses as never)]);
    for (const rating of ['1', '2', '3', '4', '5'])
      lines.push(['Satisfaction', group, `Note ${rating}`, csvCount(row.distribution[rating] as never)]);
    lines.push(['Satisfaction', group, 'Note moyenne', csvDecimal(row.mean)]);
  };
  for (const a of report.satisfaction.activities) satisfaction(a.activityTitle, a);
  satisfaction('Total', report.satisfaction.total);
  for (const row of [...report.unmetDemand.rows, ...report.unmetDemand.activities]) {
    const group = `${row.activityTitle} — ${row.month ?? 'toute la période'}`;
    lines.push([
      'Demande non satisfaite',
      group,
      'En attente au début de la séance',
      csvCount(row.unservedAtStart),
    ]);
    lines.push([
      'Demande non satisfaite',
      group,
      'Séances supplémentaires nécessaires',
      row.extraSessionsNeeded ?? '',
    ]);
  }
  lines.push([
    'Demande non satisfaite',
    'Total',
    'En attente au début de la séance',
    csvCount(report.unmetDemand.total.unservedAtStart),
  ]);
  lines.push([
    'Demande non satisfaite',
    'Total',
    'Séances supplémentaires nécessaires',
    report.unmetDemand.total.extraSessionsNeeded ?? '',
  ]);
  for (const t of report.satisfaction.testimonials)
    lines.push(['Témoignages', t.activityTitle, t.month ?? '', t.quote]);
  if (report.satisfaction.testimonialsNotShown > 0)
    lines.push([
      'Témoignages',
      'Plus anciens, non repris',
      'Nombre',
      report.satisfaction.testimonialsNotShown,
    ]);
  const amounts = report.amountsCollected;
  const euros = (cents: number | null) => (cents === null ? '<5 paiements' : centsAsDecimal(cents));
  for (const p of amounts.programmes)
    lines.push(['Montants encaissés (euros)', `Programme : ${p.title}`, 'Montant', euros(p.amountCents)]);
  for (const a of amounts.activities) {
    lines.push([
      'Montants encaissés (euros)',
      a.confidential ? `${a.title} (confidentielle)` : a.title,
      'Montant',
      euros(a.amountCents),
    ]);
  }
  lines.push(['Montants encaissés (euros)', 'Total', 'Montant', euros(amounts.total.amountCents)]);
  return toCsv(lines);
}
