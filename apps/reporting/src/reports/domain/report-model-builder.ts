import { PRACTICE_MODES, PROFESSIONS } from '@respire/contracts';
import { CellRef, CountTable } from './count-table';
import {
  addPeople,
  emptyPeople,
  PEOPLE_METRICS,
  PeopleMetric,
  RatingCount,
  ROW_RELATIONS,
  ScopeSession,
  SessionSlice,
  sliceBounds,
  sliceKey,
  sliceOf,
  slicesOf,
} from './report-figures';
import {
  DemandCell,
  Group,
  GroupDimension,
  GroupKind,
  NO_PROGRAMME_KEY,
  NO_VENUE_KEY,
  ParticipantProfiles,
  participantKeyOf,
  ProfileCells,
  ReportCells,
  ReportInput,
  ReportLayout,
  SatisfactionCells,
} from './report-groups';

const FRENCH = new Intl.Collator('fr');

/**
 * What hiding a cell costs readers, by level: complementary suppression hides session detail
 * before monthly or venue figures, those before activities, and the totals last.
 */
const HIDING_COST: Record<GroupKind | 'demand', number> = {
  session: 1,
  demand: 2,
  venue: 3,
  month: 4,
  activity: 5,
  category: 6,
  programme: 6,
  totalNonConfidential: 7,
  total: 8,
};

/**
 * Attendance is closed after every session (no-shows are recorded), so anyone who knows how the
 * service works knows `attendanceOpen` is 0 for past sessions: hiding it protects nothing, and
 * it is the last cell chosen as a complement.
 */
function hidingCost(kind: GroupKind | 'demand', metric: PeopleMetric): number {
  return HIDING_COST[kind] + (metric === 'attendanceOpen' ? 100 : 0);
}

type Groups = Map<GroupKind, Map<string, Group>>;

/**
 * Lays one report scope out as a count table: a cell per figure of every group (each dimension,
 * the totals, and with the session rows layout each session), the unmet-demand, participant,
 * profile, satisfaction and waitlist-peak cells, and every additive relation between them (rows
 * add up to totals, activities to categories and programmes, slices of sessions to activities,
 * months and venues, and within a row). Without session rows, the slices (sessions of one
 * activity, venue and month) are unpublished cells: they tie activities, months, venues and
 * unmet demand together as the sessions do, and are never shown. The suppressor then protects
 * the table as a whole; the views read it (`ReportModel`).
 */
export class ReportModelBuilder {
  private readonly slices: SessionSlice[];
  private readonly open: SessionSlice[];
  private readonly groups: Groups = new Map();
  /** The cells of each non-confidential slice (a session's row, or an unpublished slice). */
  private readonly sliceCells = new Map<SessionSlice, Record<PeopleMetric, CellRef>>();

  constructor(
    private readonly input: ReportInput,
    private readonly layout: ReportLayout,
    readonly table = new CountTable(),
  ) {
    if (layout.sessionRows) {
      if (!input.sessions) throw new Error('The session rows layout needs the sessions one by one');
      this.slices = [...input.sessions].sort(byStart).map(sliceOf);
    } else {
      // One order whatever the source (the database's slices or the sessions summed here): the
      // table, and so the complements chosen, are the same for the same figures.
      this.slices = (input.slices ?? slicesOf(input.sessions ?? []))
        .map((slice) => ({ slice, key: sliceKey(slice) }))
        .sort((a, b) => byCodeUnit(a.key, b.key))
        .map(({ slice }) => slice);
    }
    this.open = this.slices.filter((s) => !s.confidential);
  }

  build(): ReportCells {
    this.addGroups();
    this.relateGroups();
    const demand = this.addDemand();
    this.addParticipants();
    return {
      groups: this.groups,
      demand,
      profiles: this.addProfiles(),
      satisfaction: this.input.ratings ? this.addSatisfaction(this.input.ratings) : null,
      peaks: this.addPeaks(),
    };
  }

  private group(kind: GroupKind): Map<string, Group> {
    return this.groups.get(kind)!;
  }

  private addGroups(): void {
    const { slices, open } = this;
    if (this.layout.sessionRows) {
      const sessionGroups = this.addGroup(
        'session',
        open,
        (s) => s.session!.sessionId,
        (s) => `${s.activityTitle} — ${s.session!.localDate}`,
        (s) => `${s.session!.startsAt} ${s.session!.sessionId}`,
      );
      for (const group of sessionGroups.values()) this.sliceCells.set(group.slices[0], group.cells);
    } else {
      for (const slice of open) {
        const cells = {} as Record<PeopleMetric, CellRef>;
        for (const metric of PEOPLE_METRICS)
          cells[metric] = this.table.addUnpublished(slice.people[metric], '', sliceBounds(slice, metric));
        for (const [whole, parts] of ROW_RELATIONS)
          this.table.sum(
            cells[whole],
            parts.map((part) => cells[part]),
          );
        this.sliceCells.set(slice, cells);
      }
    }
    this.addGroup(
      'activity',
      slices,
      (s) => s.activityId,
      (s) => s.activityTitle,
    );
    this.addGroup(
      'category',
      slices,
      (s) => s.category,
      (s) => s.category,
    );
    this.addGroup(
      'programme',
      slices,
      (s) => s.programmeId ?? NO_PROGRAMME_KEY,
      (s) => s.programmeTitle ?? 'Hors programme',
    );
    this.addGroup(
      'month',
      open,
      (s) => s.month,
      (s) => s.month,
    );
    this.addGroup(
      'venue',
      open,
      (s) => s.venueId ?? NO_VENUE_KEY,
      (s) => s.venueName ?? 'Lieu non renseigné',
    );
    const total =
      this.addGroup(
        'total',
        slices,
        () => '',
        () => 'Total',
      ).get('') ?? this.emptyGroup('total', 'Total');
    const label = 'Total hors activités confidentielles';
    const totalOpen =
      this.addGroup(
        'totalNonConfidential',
        open,
        () => '',
        () => label,
      ).get('') ?? this.emptyGroup('totalNonConfidential', label);
    this.groups.set('total', new Map([['', total]]));
    this.groups.set('totalNonConfidential', new Map([['', totalOpen]]));
  }

  /** One group per key, in label order (French collation), with a cell per metric. */
  private addGroup(
    kind: GroupKind,
    members: SessionSlice[],
    keyOf: (s: SessionSlice) => string,
    labelOf: (s: SessionSlice) => string,
    sortOf: (s: SessionSlice) => string = labelOf,
  ): Map<string, Group> {
    // Session rows sort by ISO start and id, for which code-unit order is the French collation's
    // order; the collator is the build's costliest step over tens of thousands of sessions.
    const compare = kind === 'session' ? byCodeUnit : FRENCH.compare;
    const ordered = [...groupBy(members, keyOf).entries()]
      .map(([key, list]) => ({ key, list, sortKey: sortOf(list[0]) }))
      .sort((a, b) => compare(a.sortKey, b.sortKey) || byCodeUnit(a.key, b.key));
    const map = new Map<string, Group>();
    for (const { key, list } of ordered) {
      const people = emptyPeople();
      for (const slice of list) addPeople(people, slice.people);
      const label = labelOf(list[0]);
      // Session cells (the bulk of a large report) go unlabelled: labels only serve diagnostics.
      const cellLabel = kind === 'session' ? '' : `${kind}:${label}`;
      const cells = {} as Record<PeopleMetric, CellRef>;
      for (const metric of PEOPLE_METRICS)
        cells[metric] = this.table.add(people[metric], cellLabel, hidingCost(kind, metric));
      map.set(key, {
        kind,
        key,
        label,
        confidential: list.some((s) => s.confidential),
        slices: list,
        people,
        cells,
      });
    }
    this.groups.set(kind, map);
    return map;
  }

  private emptyGroup(kind: GroupKind, label: string): Group {
    const cells = Object.fromEntries(
      PEOPLE_METRICS.map((metric) => [
        metric,
        this.table.add(0, `${kind}:${metric}`, hidingCost(kind, metric)),
      ]),
    ) as Record<PeopleMetric, CellRef>;
    return { kind, key: '', label, confidential: false, slices: [], people: emptyPeople(), cells };
  }

  /** Rows add up to totals, activities to categories and programmes, sessions to activities, months and venues. */
  private relateGroups(): void {
    const table = this.table;
    const all = (kind: GroupKind, filter: (g: Group) => boolean = () => true) =>
      [...this.group(kind).values()].filter(filter);
    const [total, totalOpen] = [this.group('total').get('')!, this.group('totalNonConfidential').get('')!];
    const openActivities = all('activity', (a) => !a.confidential);
    const closedActivities = all('activity', (a) => a.confidential);
    const activitiesOf = new Map<Group, Group[]>();
    for (const group of [...all('category'), ...all('programme')]) {
      const keys = new Set(group.slices.map((s) => s.activityId));
      activitiesOf.set(
        group,
        all('activity', (a) => keys.has(a.key)),
      );
    }
    // Each group's slices' cells, looked up once for every metric.
    const slicesCells = new Map<Group, Record<PeopleMetric, CellRef>[]>();
    for (const group of [...openActivities, ...all('month'), ...all('venue')])
      slicesCells.set(
        group,
        group.slices.map((s) => this.sliceCells.get(s)!),
      );
    for (const metric of PEOPLE_METRICS) {
      const cell = (g: Group) => g.cells[metric];
      const sessionCells = (g: Group) => slicesCells.get(g)!.map((cells) => cells[metric]);
      for (const activity of openActivities) table.sum(cell(activity), sessionCells(activity));
      for (const group of [...all('category'), ...all('programme')])
        table.sum(cell(group), activitiesOf.get(group)!.map(cell));
      table.sum(cell(total), all('activity').map(cell));
      table.sum(cell(total), all('category').map(cell));
      table.sum(cell(total), all('programme').map(cell));
      table.sum(cell(total), [cell(totalOpen), ...closedActivities.map(cell)]);
      for (const group of [...all('month'), ...all('venue')]) table.sum(cell(group), sessionCells(group));
      table.sum(cell(totalOpen), all('month').map(cell));
      table.sum(cell(totalOpen), all('venue').map(cell));
      table.sum(cell(totalOpen), openActivities.map(cell));
    }
    for (const byKey of this.groups.values()) {
      for (const group of byKey.values()) {
        for (const [whole, parts] of ROW_RELATIONS)
          table.sum(
            group.cells[whole],
            parts.map((part) => group.cells[part]),
          );
      }
    }
  }

  /** Unmet demand by activity and month: cells between the sessions and both their activity and month. */
  private addDemand(): DemandCell[] {
    const demand: DemandCell[] = [];
    for (const activity of [...this.group('activity').values()].filter((a) => !a.confidential)) {
      const cells: CellRef[] = [];
      for (const [month, inMonth] of [...groupBy(activity.slices, (s) => s.month).entries()].sort(
        ([a], [b]) => a.localeCompare(b),
      )) {
        const unserved = this.table.add(
          inMonth.reduce((sum, s) => sum + s.people.unservedAtStart, 0),
          `demand:${activity.label}:${month}`,
          HIDING_COST.demand,
        );
        this.table.sum(
          unserved,
          inMonth.map((s) => this.sliceCells.get(s)!.unservedAtStart),
        );
        demand.push({ activityId: activity.key, month, slices: inMonth, unserved });
        cells.push(unserved);
      }
      this.table.sum(activity.cells.unservedAtStart, cells);
    }
    const demandByMonth = groupBy(demand, (d) => d.month);
    for (const month of this.group('month').values()) {
      this.table.sum(
        month.cells.unservedAtStart,
        (demandByMonth.get(month.key) ?? []).map((d) => d.unserved),
      );
    }
    return demand;
  }

  /** Unique and returning participants: counts of people, not additive across groups. */
  private addParticipants(): void {
    for (const [kind, byKey] of this.groups) {
      if (kind === 'session') continue;
      for (const group of byKey.values()) {
        const counts = this.input.participants?.get(participantKeyOf(kind as GroupDimension, group.key));
        if (!counts) continue;
        // The non-confidential total is what the profile breakdowns add up to, and reports without
        // profiles show it too: a profile cell, not it, is the complement of a small profile.
        group.participantCells = {
          unique: this.table.add(counts.unique, `${kind}:${group.label}:unique`, HIDING_COST[kind]),
          returning: this.table.add(counts.returning, `${kind}:${group.label}:returning`),
        };
      }
    }
  }

  /** Profiles of the participants of non-confidential sessions: each breakdown adds up to their number. */
  private addProfiles(): ProfileCells | null {
    const profiles = this.input.profiles;
    if (!profiles) return null;
    const count = [...profiles.profession.values()].reduce((a, b) => a + b, 0);
    const total =
      this.group('totalNonConfidential').get('')!.participantCells?.unique ??
      this.table.add(count, 'profiles:total');
    const breakdown = (name: keyof ParticipantProfiles, known: readonly string[]) => {
      const values = [...known, ...[...profiles[name].keys()].filter((v) => !known.includes(v)).sort()];
      const cells = values.map((value) => ({
        value,
        cell: this.table.add(profiles[name].get(value) ?? 0, `profile:${name}:${value}`),
      }));
      this.table.sum(
        total,
        cells.map((c) => c.cell),
      );
      return cells;
    };
    return {
      total,
      breakdowns: {
        profession: breakdown('profession', PROFESSIONS),
        practiceMode: breakdown('practiceMode', PRACTICE_MODES),
        department: breakdown('department', []),
      },
    };
  }

  /** Ratings by activity (rows) and value (columns), with every margin: a two-way table. */
  private addSatisfaction(ratings: RatingCount[]): SatisfactionCells {
    const table = this.table;
    const values = [1, 2, 3, 4, 5];
    const rows: SatisfactionCells['activities'] = [];
    for (const group of this.group('activity').values()) {
      const mine = ratings.filter((r) => r.activityId === group.key);
      if (mine.length === 0) continue;
      const counts = values.map((v) =>
        mine.filter((r) => r.rating === v).reduce((sum, r) => sum + r.count, 0),
      );
      const cells = counts.map((count, i) => table.add(count, `rating:${group.label}:${i + 1}`));
      const responses = table.add(
        counts.reduce((a, b) => a + b, 0),
        `rating:${group.label}:responses`,
      );
      table.sum(responses, cells);
      rows.push({ group, responses, ratings: cells });
    }
    const totals = values.map((_, i) => {
      const cell = table.add(
        rows.reduce((sum, row) => sum + table.value(row.ratings[i]), 0),
        `rating:total:${i + 1}`,
      );
      table.sum(
        cell,
        rows.map((row) => row.ratings[i]),
      );
      return cell;
    });
    const responses = table.add(
      totals.reduce((sum, cell) => sum + table.value(cell), 0),
      'rating:total:responses',
    );
    table.sum(responses, totals);
    table.sum(
      responses,
      rows.map((row) => row.responses),
    );
    return { activities: rows, total: { responses, ratings: totals } };
  }

  private addPeaks(): Map<string, CellRef> {
    const peaks = new Map<string, CellRef>();
    if (!this.input.waitlistPeaks || !this.layout.sessionRows) return peaks;
    for (const { session } of this.open) {
      if (!session) continue;
      peaks.set(
        session.sessionId,
        this.table.add(
          this.input.waitlistPeaks.get(session.sessionId) ?? 0,
          `session:${session.sessionId}:peak`,
        ),
      );
    }
    return peaks;
  }
}

function byStart(a: ScopeSession, b: ScopeSession): number {
  return byCodeUnit(a.startsAt, b.startsAt) || byCodeUnit(a.sessionId, b.sessionId);
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  }
  return map;
}
