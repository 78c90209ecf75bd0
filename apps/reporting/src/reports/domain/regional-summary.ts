import { PRACTICE_MODES, PROFESSIONS } from '@respire/contracts';
import { CellRef, CountTable } from './count-table';
import { emptyPeople, PEOPLE_METRICS, PeopleMetric, ROW_RELATIONS, SessionSlice } from './report-figures';
import { participantKeyOf, ParticipantProfiles, ReportInput } from './report-groups';
import { PublishedFigures } from './report-model';
import { ProtectedTable, PublishedCount, SmallCountSuppressor } from './small-count-suppressor';

/** One CPTS of the region, as its funder summary reads it (sessions in slices, participants, profiles). */
export interface RegionalCptsInput {
  tenantId: string;
  name: string;
  input: Pick<ReportInput, 'participants' | 'profiles'> & { slices: SessionSlice[] };
}

export type RegionalProfileDimension = 'profession' | 'practiceMode';

/** A report's published figures (no no-show rate), with participants always counted, and profiles. */
export interface RegionalFigures extends Omit<
  PublishedFigures,
  'noShowRate' | 'uniqueParticipants' | 'returningParticipants'
> {
  uniqueParticipants: PublishedCount;
  returningParticipants: PublishedCount;
  /** Distinct participants of non-confidential sessions: what the profile breakdowns add up to. */
  profiledParticipants: PublishedCount;
  byProfession: { value: string; participants: PublishedCount }[];
  byPracticeMode: { value: string; participants: PublishedCount }[];
}

export interface RegionalRow {
  tenantId: string | null;
  name: string;
  figures: RegionalFigures;
}

/**
 * What hiding a cell costs the funder: a CPTS's profile detail first, then a CPTS's totals, the
 * regional detail, and the regional totals last.
 */
const COST = { cptsProfile: 1, cptsTotal: 3, regionProfile: 5, regionTotal: 8 } as const;

interface Entity {
  tenantId: string | null;
  name: string;
  slices: SessionSlice[];
  people: Record<PeopleMetric, CellRef>;
  unique: CellRef;
  returning: CellRef;
  profiled: CellRef;
  profiles: Record<RegionalProfileDimension, { value: string; cell: CellRef }[]>;
}

/**
 * The funder summaries of a region's CPTS side by side and combined, as ONE protected table:
 * every CPTS's figures and the regional totals are cells of the same {@link CountTable}, with
 * `region = Σ CPTS` declared for each figure and each profile value, beside each row's own
 * relations (a registration ends in one status, a breakdown adds up to its participants). A
 * CPTS's small count is hidden, and so is enough else (another CPTS's cell, or the regional one)
 * that neither "regional total − other CPTS" nor "CPTS total − its other cells" gives it away.
 */
export class RegionalSummary {
  private constructor(
    private readonly protectedTable: ProtectedTable,
    private readonly entities: Entity[],
    private readonly region: Entity,
  ) {}

  static build(cpts: readonly RegionalCptsInput[], suppressor = new SmallCountSuppressor()): RegionalSummary {
    const table = new CountTable();
    const values = (dimension: RegionalProfileDimension, known: readonly string[]) => {
      const seen = new Set<string>();
      for (const c of cpts) for (const value of c.input.profiles?.[dimension].keys() ?? []) seen.add(value);
      return [...known, ...[...seen].filter((v) => !known.includes(v)).sort()];
    };
    const dimensionValues: Record<RegionalProfileDimension, string[]> = {
      profession: values('profession', PROFESSIONS),
      practiceMode: values('practiceMode', PRACTICE_MODES),
    };

    const entity = (
      tenantId: string | null,
      name: string,
      slices: SessionSlice[],
      counts: {
        people: Record<PeopleMetric, number>;
        unique: number;
        returning: number;
        profiled: number;
        profiles: ParticipantProfiles | null;
      },
      total: boolean,
    ): Entity => {
      const [totalCost, profileCost] = total
        ? [COST.regionTotal, COST.regionProfile]
        : [COST.cptsTotal, COST.cptsProfile];
      const label = total ? 'region' : `cpts:${name}`;
      const people = Object.fromEntries(
        PEOPLE_METRICS.map((metric) => [
          metric,
          table.add(
            counts.people[metric],
            `${label}:${metric}`,
            totalCost + (metric === 'attendanceOpen' ? 100 : 0),
          ),
        ]),
      ) as Record<PeopleMetric, CellRef>;
      for (const [whole, parts] of ROW_RELATIONS)
        table.sum(
          people[whole],
          parts.map((part) => people[part]),
        );
      const profiled = table.add(counts.profiled, `${label}:profiled`, totalCost);
      const profiles = {} as Entity['profiles'];
      for (const dimension of ['profession', 'practiceMode'] as const) {
        profiles[dimension] = dimensionValues[dimension].map((value) => ({
          value,
          cell: table.add(
            counts.profiles?.[dimension].get(value) ?? 0,
            `${label}:${dimension}:${value}`,
            profileCost,
          ),
        }));
        table.sum(
          profiled,
          profiles[dimension].map((p) => p.cell),
        );
      }
      return {
        tenantId,
        name,
        slices,
        people,
        unique: table.add(counts.unique, `${label}:unique`, totalCost),
        returning: table.add(counts.returning, `${label}:returning`, totalCost),
        profiled,
        profiles,
      };
    };

    const raw = cpts.map((c) => {
      const people = emptyPeople();
      for (const slice of c.input.slices)
        for (const metric of PEOPLE_METRICS) people[metric] += slice.people[metric];
      const total = c.input.participants?.get(participantKeyOf('total')) ?? { unique: 0, returning: 0 };
      const profiles = c.input.profiles ?? null;
      const profiled = profiles ? [...profiles.profession.values()].reduce((a, b) => a + b, 0) : 0;
      return { c, counts: { people, unique: total.unique, returning: total.returning, profiled, profiles } };
    });
    const entities = raw.map(({ c, counts }) => entity(c.tenantId, c.name, c.input.slices, counts, false));

    // The region's cells hold the sums; each is declared the sum of the CPTS's.
    const sumOf = (cell: (e: Entity) => CellRef) =>
      entities.reduce((acc, e) => acc + table.value(cell(e)), 0);
    const regionPeople = Object.fromEntries(
      PEOPLE_METRICS.map((m) => [m, sumOf((e) => e.people[m])]),
    ) as Record<PeopleMetric, number>;
    const regionProfiles: ParticipantProfiles = {
      profession: new Map(),
      practiceMode: new Map(),
      department: new Map(),
    };
    for (const dimension of ['profession', 'practiceMode'] as const) {
      dimensionValues[dimension].forEach((value, i) =>
        regionProfiles[dimension].set(
          value,
          sumOf((e) => e.profiles[dimension][i].cell),
        ),
      );
    }
    const region = entity(
      null,
      'Région',
      cpts.flatMap((c) => c.input.slices),
      {
        people: regionPeople,
        unique: sumOf((e) => e.unique),
        returning: sumOf((e) => e.returning),
        profiled: sumOf((e) => e.profiled),
        profiles: regionProfiles,
      },
      true,
    );
    for (const metric of PEOPLE_METRICS)
      table.sum(
        region.people[metric],
        entities.map((e) => e.people[metric]),
      );
    for (const count of ['unique', 'returning', 'profiled'] as const)
      table.sum(
        region[count],
        entities.map((e) => e[count]),
      );
    for (const dimension of ['profession', 'practiceMode'] as const) {
      region.profiles[dimension].forEach((p, i) =>
        table.sum(
          p.cell,
          entities.map((e) => e.profiles[dimension][i].cell),
        ),
      );
    }
    return new RegionalSummary(suppressor.protect(table), entities, region);
  }

  /** The CPTS side by side, in the order given. */
  cpts(): RegionalRow[] {
    return this.entities.map((e) => this.row(e));
  }

  /** The region combined. */
  combined(): RegionalRow {
    return this.row(this.region);
  }

  get withheld(): boolean {
    return this.protectedTable.withheld;
  }

  /** Small counts a reader could still pin down from what it publishes (always 0). */
  disclosedCount(): number {
    return this.protectedTable.disclosedCount();
  }

  private row(e: Entity): RegionalRow {
    const t = this.protectedTable;
    const show = (cell: CellRef) => t.display(cell);
    const visible = (cell: CellRef) => !t.isHidden(cell);
    const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10000) / 10000 : null);
    const count = (of: (s: SessionSlice) => number) => e.slices.reduce((sum, s) => sum + of(s), 0);
    const placesOffered = count((s) => s.placesOffered);
    const value = (metric: PeopleMetric) => t.table.value(e.people[metric]);
    return {
      tenantId: e.tenantId,
      name: e.name,
      figures: {
        sessions: count((s) => s.sessions),
        sessionsHeld: count((s) => s.sessionsHeld),
        sessionsCancelled: count((s) => s.sessionsCancelled),
        placesOffered,
        ...(Object.fromEntries(PEOPLE_METRICS.map((metric) => [metric, show(e.people[metric])])) as Record<
          PeopleMetric,
          PublishedCount
        >),
        fillRate: visible(e.people.confirmed) ? ratio(value('confirmed'), placesOffered) : null,
        attendanceRate:
          visible(e.people.attended) && visible(e.people.noShows)
            ? ratio(value('attended'), value('attended') + value('noShows'))
            : null,
        uniqueParticipants: show(e.unique),
        returningParticipants: show(e.returning),
        profiledParticipants: show(e.profiled),
        byProfession: e.profiles.profession.map(({ value, cell }) => ({ value, participants: show(cell) })),
        byPracticeMode: e.profiles.practiceMode.map(({ value, cell }) => ({
          value,
          participants: show(cell),
        })),
      },
    };
  }
}
