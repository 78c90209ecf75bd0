import { PROFESSION_LABELS } from '../../common/utils/format';
import { showCount, showRate, type Protected } from '../../reports/domain/figures';

/** One column of the regional table: a CPTS, or the region combined (as the API gives them). */
export interface RegionalColumn {
  tenantId: string | null;
  name: string;
  figures: {
    sessionsHeld: number;
    placesOffered: number;
    confirmed: Protected;
    attended: Protected;
    cancellations: Protected;
    unservedAtStart: Protected;
    fillRate: number | null;
    attendanceRate: number | null;
    uniqueParticipants: Protected;
    byProfession: { value: string; participants: Protected }[];
  };
}

export interface Table {
  headers: string[];
  rows: string[][];
}

const INDICATORS: [string, (f: RegionalColumn['figures']) => string][] = [
  ['Séances tenues', (f) => showCount(f.sessionsHeld)],
  ['Places offertes', (f) => showCount(f.placesOffered)],
  ['Inscrits', (f) => showCount(f.confirmed)],
  ['Présents', (f) => showCount(f.attended)],
  ['Taux de remplissage', (f) => showRate(f.fillRate)],
  ['Taux de présence', (f) => showRate(f.attendanceRate)],
  ['Participants différents', (f) => showCount(f.uniqueParticipants)],
  ['Annulations', (f) => showCount(f.cancellations)],
  ['Restés sans place', (f) => showCount(f.unservedAtStart)],
];

/** The CPTS side by side and the region last, one indicator a row; hidden counts stay "<5". */
export function indicatorTable(cpts: readonly RegionalColumn[], combined: RegionalColumn): Table {
  const columns = [...cpts, combined];
  return {
    headers: ['Indicateur', ...cpts.map((c) => c.name), 'Région'],
    rows: INDICATORS.map(([label, show]) => [label, ...columns.map((c) => show(c.figures))]),
  };
}

/** Participants by profession, CPTS side by side; a profession missing from a column reads 0. */
export function professionTable(cpts: readonly RegionalColumn[], combined: RegionalColumn): Table {
  const columns = [...cpts, combined];
  const professions = [...new Set(columns.flatMap((c) => c.figures.byProfession.map((p) => p.value)))];
  return {
    headers: ['Profession', ...cpts.map((c) => c.name), 'Région'],
    rows: professions.map((value) => [
      PROFESSION_LABELS[value] ?? value,
      ...columns.map((c) =>
        showCount(c.figures.byProfession.find((p) => p.value === value)?.participants ?? 0),
      ),
    ]),
  };
}
