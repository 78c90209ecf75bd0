import { PRACTICE_MODES, PROFESSIONS } from '@respire/contracts';
import { CellRef, CountTable } from './count-table';
import { disclosedCells } from './disclosure-audit';
import {
  emptyPeople,
  ParticipantCounts,
  PEOPLE_METRICS,
  PeopleFigures,
  PeopleMetric,
  RatingCount,
  ROW_RELATIONS,
  ScopeSession,
} from './report-figures';
import { ProtectedTable, PublishedCount, SmallCountSuppressor } from './small-count-suppressor';

export const GROUP_DIMENSIONS = ['activity', 'category', 'programme', 'venue', 'month'] as const;
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number];

/**
 * Dimensions that cut across activities. Confidential activities are left out of them (and of
 * session rows and participant profiles): nothing about a confidential activity is published
 * below the activity itself.
 */
export const CROSS_ACTIVITY_DIMENSIONS: readonly GroupDimension[] = ['venue', 'month'];

const FRENCH = new Intl.Collator('fr');

export const NO_PROGRAMME_KEY = 'none';
export const NO_VENUE_KEY = 'none';
export const UNKNOWN_PROFILE = 'inconnu';

type GroupKind = GroupDimension | 'session' | 'total' | 'totalNonConfidential';

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

interface Group {
  kind: GroupKind;
  key: string;
  label: string;
  confidential: boolean;
  sessions: ScopeSession[];
  people: PeopleFigures;
  cells: Record<PeopleMetric, CellRef>;
  participantCells?: { unique: CellRef; returning: CellRef };
}

/** Unserved demand of one activity in one month (non-confidential activities). */
interface DemandCell {
  activityId: string;
  month: string;
  sessions: ScopeSession[];
  unserved: CellRef;
}

export type PublishedPeople = Record<PeopleMetric, PublishedCount>;

export interface PublishedFigures extends PublishedPeople {
  sessions: number;
  sessionsHeld: number;
  sessionsCancelled: number;
  /** Seats of the sessions not cancelled. */
  placesOffered: number;
  /** confirmed ÷ placesOffered; null when not computable or when it would reveal a hidden count. */
  fillRate: number | null;
  /** attended ÷ (attended + noShows), same rule. */
  attendanceRate: number | null;
  noShowRate: number | null;
  uniqueParticipants?: PublishedCount;
  returningParticipants?: PublishedCount;
}

export interface GroupRow {
  key: string;
  label: string;
  confidential: boolean;
  figures: PublishedFigures;
}

export interface UnmetDemandRow {
  activityId: string;
  activityTitle: string;
  confidential: boolean;
  /** null for a whole activity over the period (the only level shown for a confidential one). */
  month: string | null;
  sessionsHeld: number;
  averageCapacity: number;
  unservedAtStart: PublishedCount;
  /** ceil(unserved ÷ average capacity); null when the unserved count is hidden. */
  extraSessionsNeeded: number | null;
}

export interface ProfileCount {
  value: string;
  participants: PublishedCount;
}

export interface ParticipantProfiles {
  profession: Map<string, number>;
  practiceMode: Map<string, number>;
  department: Map<string, number>;
}

export interface ReportInput {
  sessions: ScopeSession[];
  /** Unique and returning participants, keyed `dimension:key`, `total:` and `totalNonConfidential:`. */
  participants?: Map<string, ParticipantCounts>;
  /** Distinct participants of non-confidential sessions who attended, by their latest profile. */
  profiles?: ParticipantProfiles;
  ratings?: RatingCount[];
  /** Highest number of people waiting at once, per session. */
  waitlistPeaks?: Map<string, number>;
}

export function participantKeyOf(kind: GroupDimension | 'total' | 'totalNonConfidential', key = ''): string {
  return `${kind}:${key}`;
}

/**
 * Every figure of one report scope, rolled up from its sessions and protected in one go: the
 * session rows, each dimension's rows, the totals, the unmet-demand table, the profile
 * breakdowns and the satisfaction table are linked (rows add up to totals, activities to
 * categories and programmes, sessions to months and venues), so they are suppressed together —
 * whichever of them a reader puts side by side, a hidden count stays hidden.
 */
export class ReportModel {
  private constructor(
    private readonly protectedTable: ProtectedTable,
    private readonly groups: Map<GroupKind, Map<string, Group>>,
    private readonly demand: DemandCell[],
    private readonly profileCells: Record<keyof ParticipantProfiles, { value: string; cell: CellRef }[]> | null,
    private readonly profileTotal: CellRef | null,
    private readonly satisfactionCells: SatisfactionCells | null,
    private readonly peakCells: Map<string, CellRef>,
  ) {}

  static build(input: ReportInput, suppressor = new SmallCountSuppressor()): ReportModel {
    const table = new CountTable();
    const sessions = [...input.sessions].sort((a, b) =>
      a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0,
    );
    const open = sessions.filter((s) => !s.confidential);
    const groups = new Map<GroupKind, Map<string, Group>>();

    const addGroups = (
      kind: GroupKind,
      members: ScopeSession[],
      keyOf: (s: ScopeSession) => string,
      labelOf: (s: ScopeSession) => string,
      sortOf: (s: ScopeSession) => string = labelOf,
    ) => {
      const byKey = groupBy(members, keyOf);
      const ordered = [...byKey.entries()]
        .map(([key, list]) => ({ key, list, sortKey: sortOf(list[0]) }))
        .sort((a, b) => FRENCH.compare(a.sortKey, b.sortKey) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .map(({ key, list }) => [key, list] as const);
      const map = new Map<string, Group>();
      for (const [key, members] of ordered) {
        const people = emptyPeople();
        for (const session of members) for (const metric of PEOPLE_METRICS) people[metric] += session.people[metric];
        const label = labelOf(members[0]);
        // Session cells (the bulk of a large report) go unlabelled: labels only serve diagnostics.
        const cellLabel = kind === 'session' ? '' : `${kind}:${label}`;
        const cells = {} as Record<PeopleMetric, CellRef>;
        for (const metric of PEOPLE_METRICS) cells[metric] = table.add(people[metric], cellLabel, hidingCost(kind, metric));
        map.set(key, { kind, key, label, confidential: members.some((s) => s.confidential), sessions: members, people, cells });
      }
      groups.set(kind, map);
      return map;
    };

    const sessionGroups = addGroups(
      'session',
      open,
      (s) => s.sessionId,
      (s) => `${s.activityTitle} — ${s.localDate}`,
      (s) => `${s.startsAt} ${s.sessionId}`,
    );
    const activities = addGroups('activity', sessions, (s) => s.activityId, (s) => s.activityTitle);
    const categories = addGroups('category', sessions, (s) => s.category, (s) => s.category);
    const programmes = addGroups('programme', sessions, (s) => s.programmeId ?? NO_PROGRAMME_KEY, (s) => s.programmeTitle ?? 'Hors programme');
    const months = addGroups('month', open, (s) => s.month, (s) => s.month);
    const venues = addGroups('venue', open, (s) => s.venueId ?? NO_VENUE_KEY, (s) => s.venueName ?? 'Lieu non renseigné');
    const total = addGroups('total', sessions, () => '', () => 'Total').get('') ?? emptyGroup(table, 'total', 'Total');
    const totalOpen =
      addGroups('totalNonConfidential', open, () => '', () => 'Total hors activités confidentielles').get('') ??
      emptyGroup(table, 'totalNonConfidential', 'Total hors activités confidentielles');
    groups.set('total', new Map([['', total]]));
    groups.set('totalNonConfidential', new Map([['', totalOpen]]));

    const members = (map: Map<string, Group>, filter: (g: Group) => boolean = () => true) => [...map.values()].filter(filter);
    const sessionCells = new Map<ScopeSession, Record<PeopleMetric, CellRef>>();
    for (const group of sessionGroups.values()) sessionCells.set(group.sessions[0], group.cells);
    const sessionCell = (s: ScopeSession, metric: PeopleMetric) => sessionCells.get(s)![metric];
    const openActivities = members(activities, (a) => !a.confidential);
    const closedActivities = members(activities, (a) => a.confidential);
    const activitiesOf = new Map<Group, Group[]>();
    for (const group of [...categories.values(), ...programmes.values()]) {
      const keys = new Set(group.sessions.map((s) => s.activityId));
      activitiesOf.set(group, members(activities, (a) => keys.has(a.key)));
    }

    for (const metric of PEOPLE_METRICS) {
      const cell = (g: Group) => g.cells[metric];
      for (const activity of openActivities) table.sum(cell(activity), activity.sessions.map((s) => sessionCell(s, metric)));
      for (const group of [...categories.values(), ...programmes.values()]) {
        table.sum(cell(group), activitiesOf.get(group)!.map(cell));
      }
      table.sum(cell(total), members(activities).map(cell));
      table.sum(cell(total), members(categories).map(cell));
      table.sum(cell(total), members(programmes).map(cell));
      table.sum(cell(total), [cell(totalOpen), ...closedActivities.map(cell)]);
      for (const group of [...months.values(), ...venues.values()]) {
        table.sum(cell(group), group.sessions.map((s) => sessionCell(s, metric)));
      }
      table.sum(cell(totalOpen), members(months).map(cell));
      table.sum(cell(totalOpen), members(venues).map(cell));
      table.sum(cell(totalOpen), openActivities.map(cell));
    }
    for (const byKey of groups.values()) {
      for (const group of byKey.values()) {
        for (const [whole, parts] of ROW_RELATIONS) table.sum(group.cells[whole], parts.map((part) => group.cells[part]));
      }
    }

    // Unmet demand by activity and month: cells between the sessions and both their activity and month.
    const demand: DemandCell[] = [];
    for (const activity of openActivities) {
      const byMonth = groupBy(activity.sessions, (s) => s.month);
      const cells: CellRef[] = [];
      for (const [month, inMonth] of [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        const unserved = table.add(
          inMonth.reduce((sum, s) => sum + s.people.unservedAtStart, 0),
          `demand:${activity.label}:${month}`,
          HIDING_COST.demand,
        );
        table.sum(unserved, inMonth.map((s) => sessionCell(s, 'unservedAtStart')));
        demand.push({ activityId: activity.key, month, sessions: inMonth, unserved });
        cells.push(unserved);
      }
      table.sum(activity.cells.unservedAtStart, cells);
    }
    const demandByMonth = groupBy(demand, (d) => d.month);
    for (const month of months.values()) {
      table.sum(month.cells.unservedAtStart, (demandByMonth.get(month.key) ?? []).map((d) => d.unserved));
    }

    // Unique and returning participants: counts of people, not additive across groups.
    for (const [kind, byKey] of groups) {
      if (kind === 'session') continue;
      for (const group of byKey.values()) {
        const counts = input.participants?.get(participantKeyOf(kind as GroupDimension, group.key));
        if (!counts) continue;
        group.participantCells = {
          unique: table.add(counts.unique, `${kind}:${group.label}:unique`),
          returning: table.add(counts.returning, `${kind}:${group.label}:returning`),
        };
      }
    }

    // Profiles of the participants of non-confidential sessions: each breakdown adds up to their number.
    let profileCells: Record<keyof ParticipantProfiles, { value: string; cell: CellRef }[]> | null = null;
    let profileTotal: CellRef | null = null;
    if (input.profiles) {
      const profiles = input.profiles;
      const count = [...profiles.profession.values()].reduce((a, b) => a + b, 0);
      profileTotal =
        totalOpen.participantCells?.unique ?? table.add(count, 'profiles:total');
      const breakdown = (name: keyof ParticipantProfiles, known: readonly string[]) => {
        const values = [...known, ...[...profiles[name].keys()].filter((v) => !known.includes(v)).sort()];
        const cells = values.map((value) => ({ value, cell: table.add(profiles[name].get(value) ?? 0, `profile:${name}:${value}`) }));
        table.sum(profileTotal!, cells.map((c) => c.cell));
        return cells;
      };
      profileCells = {
        profession: breakdown('profession', PROFESSIONS),
        practiceMode: breakdown('practiceMode', PRACTICE_MODES),
        department: breakdown('department', []),
      };
    }

    const satisfactionCells = input.ratings ? buildSatisfaction(table, input.ratings, activities) : null;

    const peakCells = new Map<string, CellRef>();
    if (input.waitlistPeaks) {
      for (const session of open) {
        const peak = input.waitlistPeaks.get(session.sessionId) ?? 0;
        peakCells.set(session.sessionId, table.add(peak, `session:${session.sessionId}:peak`));
      }
    }

    return new ReportModel(suppressor.protect(table), groups, demand, profileCells, profileTotal, satisfactionCells, peakCells);
  }

  /** The rows of one dimension, in label order. */
  rows(dimension: GroupDimension): GroupRow[] {
    return [...(this.groups.get(dimension)?.values() ?? [])].map((group) => this.row(group));
  }

  total(): GroupRow {
    return this.row(this.groups.get('total')!.get('')!);
  }

  /** The total that the rows of venue and month breakdowns add up to. */
  totalNonConfidential(): GroupRow {
    return this.row(this.groups.get('totalNonConfidential')!.get('')!);
  }

  /** Sessions of non-confidential activities, by start; individual support only as its whole activity. */
  sessions(): (GroupRow & { session: ScopeSession; waitlistPeak: PublishedCount | null })[] {
    // Individual support's slots stay in the sums (and the suppressor's equations), never rows of their own.
    return [...this.groups.get('session')!.values()].filter((group) => !group.sessions[0].individual).map((group) => ({
      ...this.row(group),
      session: group.sessions[0],
      waitlistPeak: this.peakCells.has(group.key) ? this.protectedTable.display(this.peakCells.get(group.key)!) : null,
    }));
  }

  session(sessionId: string) {
    return this.sessions().find((row) => row.key === sessionId) ?? null;
  }

  /**
   * People still waitlisted when sessions started, and how many more sessions would have served
   * them (ceil(unserved ÷ average capacity of the sessions held)): by activity and month for
   * non-confidential activities, by activity over the whole period for all; the total adds up
   * the activities, or, when one of their counts is hidden, spreads the total over the average
   * session held.
   */
  unmetDemand(): {
    rows: UnmetDemandRow[];
    activities: UnmetDemandRow[];
    total: {
      unservedAtStart: PublishedCount;
      extraSessionsNeeded: number | null;
      method: 'per-activity' | 'pooled';
      activitiesHidden: number;
    };
  } {
    const activities = [...this.groups.get('activity')!.values()];
    const toRow = (activity: Group, month: string | null, sessions: ScopeSession[], cell: CellRef): UnmetDemandRow | null => {
      const held = sessions.filter((s) => s.held);
      if (held.length === 0) return null;
      const averageCapacity = held.reduce((sum, s) => sum + s.capacity, 0) / held.length;
      const shown = this.protectedTable.display(cell);
      return {
        activityId: activity.key,
        activityTitle: activity.label,
        confidential: activity.confidential,
        month,
        sessionsHeld: held.length,
        averageCapacity: Math.round(averageCapacity * 10) / 10,
        unservedAtStart: shown,
        extraSessionsNeeded: typeof shown === 'number' ? Math.ceil(shown / averageCapacity) : null,
      };
    };
    const present = (row: UnmetDemandRow | null): row is UnmetDemandRow => row !== null;
    const rows = activities
      .filter((activity) => !activity.confidential)
      .flatMap((activity) =>
        this.demand.filter((d) => d.activityId === activity.key).map((d) => toRow(activity, d.month, d.sessions, d.unserved)),
      )
      .filter(present);
    const perActivity = activities
      .map((activity) => toRow(activity, null, activity.sessions, activity.cells.unservedAtStart))
      .filter(present);
    const total = this.groups.get('total')!.get('')!;
    const unservedAtStart = this.protectedTable.display(total.cells.unservedAtStart);
    const activitiesHidden = perActivity.filter((row) => row.extraSessionsNeeded === null).length;
    // With an activity's count hidden, a sum over the others would understate the need: the
    // total unserved is then spread over the average session of the scope instead.
    const held = total.sessions.filter((s) => s.held);
    const pooled =
      typeof unservedAtStart === 'number' && held.length > 0
        ? Math.ceil(unservedAtStart / (held.reduce((sum, s) => sum + s.capacity, 0) / held.length))
        : null;
    return {
      rows,
      activities: perActivity,
      total: {
        unservedAtStart,
        extraSessionsNeeded:
          activitiesHidden === 0 ? perActivity.reduce((sum, row) => sum + (row.extraSessionsNeeded ?? 0), 0) : pooled,
        method: activitiesHidden === 0 ? 'per-activity' : 'pooled',
        activitiesHidden,
      },
    };
  }

  /** Participants of non-confidential sessions by profession, practice mode and département; null if not loaded. */
  profiles(): { participants: PublishedCount; byProfession: ProfileCount[]; byPracticeMode: ProfileCount[]; byDepartment: ProfileCount[] } | null {
    if (!this.profileCells || this.profileTotal === null) return null;
    const show = (cells: { value: string; cell: CellRef }[]) =>
      cells.map(({ value, cell }) => ({ value, participants: this.protectedTable.display(cell) }));
    return {
      participants: this.protectedTable.display(this.profileTotal),
      byProfession: show(this.profileCells.profession),
      byPracticeMode: show(this.profileCells.practiceMode),
      byDepartment: show(this.profileCells.department),
    };
  }

  satisfaction(): SatisfactionView | null {
    const s = this.satisfactionCells;
    if (!s) return null;
    const row = (responses: CellRef, ratings: CellRef[]) => {
      const distribution = Object.fromEntries(ratings.map((cell, i) => [String(i + 1), this.protectedTable.display(cell)]));
      const hidden = this.protectedTable.isHidden(responses) || ratings.some((cell) => this.protectedTable.isHidden(cell));
      const n = this.protectedTable.table.value(responses);
      const sum = ratings.reduce((acc, cell, i) => acc + (i + 1) * this.protectedTable.table.value(cell), 0);
      // A mean with the count gives Σ rating × count: it is shown only when no cell of its row is hidden.
      const mean = hidden || n === 0 ? null : Math.round((sum / n) * 100) / 100;
      return { responses: this.protectedTable.display(responses), distribution, mean };
    };
    return {
      activities: s.activities.map((a) => ({ activityId: a.group.key, activityTitle: a.group.label, confidential: a.group.confidential, ...row(a.responses, a.ratings) })),
      total: row(s.total.responses, s.total.ratings),
    };
  }

  /** Hidden counts that protect others (diagnostics). */
  get complementaryCount(): number {
    return this.protectedTable.complementary().length;
  }

  get withheld(): boolean {
    return this.protectedTable.withheld;
  }

  /** Small counts a reader could still pin down from everything this model publishes (always 0). */
  disclosedCount(): number {
    return disclosedCells(this.protectedTable.table, this.protectedTable.state, this.protectedTable.threshold).length;
  }

  private row(group: Group): GroupRow {
    const show = (cell: CellRef) => this.protectedTable.display(cell);
    const people = Object.fromEntries(PEOPLE_METRICS.map((metric) => [metric, show(group.cells[metric])])) as PublishedPeople;
    const notCancelled = group.sessions.filter((s) => s.status !== 'cancelled');
    const placesOffered = notCancelled.reduce((sum, s) => sum + s.capacity, 0);
    const visible = (metric: PeopleMetric) => !this.protectedTable.isHidden(group.cells[metric]);
    const ratio = (numerator: number, denominator: number) =>
      denominator > 0 ? Math.round((numerator / denominator) * 10000) / 10000 : null;
    const { confirmed, attended, noShows } = group.people;
    const closed = visible('attended') && visible('noShows');
    const figures: PublishedFigures = {
      sessions: group.sessions.length,
      sessionsHeld: group.sessions.filter((s) => s.held).length,
      sessionsCancelled: group.sessions.length - notCancelled.length,
      placesOffered,
      ...people,
      fillRate: visible('confirmed') ? ratio(confirmed, placesOffered) : null,
      attendanceRate: closed ? ratio(attended, attended + noShows) : null,
      noShowRate: closed ? ratio(noShows, attended + noShows) : null,
    };
    if (group.participantCells) {
      figures.uniqueParticipants = show(group.participantCells.unique);
      figures.returningParticipants = show(group.participantCells.returning);
    }
    return { key: group.key, label: group.label, confidential: group.confidential, figures };
  }
}

interface SatisfactionCells {
  activities: { group: Group; responses: CellRef; ratings: CellRef[] }[];
  total: { responses: CellRef; ratings: CellRef[] };
}

export interface SatisfactionRow {
  responses: PublishedCount;
  /** Number of answers per rating, "1" to "5". */
  distribution: Record<string, PublishedCount>;
  mean: number | null;
}

export interface SatisfactionView {
  activities: (SatisfactionRow & { activityId: string; activityTitle: string; confidential: boolean })[];
  total: SatisfactionRow;
}

/** Ratings by activity (rows) and value (columns), with every margin: a two-way table. */
function buildSatisfaction(table: CountTable, ratings: RatingCount[], activities: Map<string, Group>): SatisfactionCells {
  const values = [1, 2, 3, 4, 5];
  const rows: SatisfactionCells['activities'] = [];
  for (const group of activities.values()) {
    const mine = ratings.filter((r) => r.activityId === group.key);
    if (mine.length === 0) continue;
    const counts = values.map((v) => mine.filter((r) => r.rating === v).reduce((sum, r) => sum + r.count, 0));
    const cells = counts.map((count, i) => table.add(count, `rating:${group.label}:${i + 1}`));
    const responses = table.add(counts.reduce((a, b) => a + b, 0), `rating:${group.label}:responses`);
    table.sum(responses, cells);
    rows.push({ group, responses, ratings: cells });
  }
  const totals = values.map((_, i) => {
    const cell = table.add(rows.reduce((sum, row) => sum + table.value(row.ratings[i]), 0), `rating:total:${i + 1}`);
    table.sum(cell, rows.map((row) => row.ratings[i]));
    return cell;
  });
  const responses = table.add(totals.reduce((sum, cell) => sum + table.value(cell), 0), 'rating:total:responses');
  table.sum(responses, totals);
  table.sum(responses, rows.map((row) => row.responses));
  return { activities: rows, total: { responses, ratings: totals } };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  }
  return map;
}

function emptyGroup(table: CountTable, kind: GroupKind, label: string): Group {
  const people = emptyPeople();
  const cells = Object.fromEntries(PEOPLE_METRICS.map((metric) => [metric, table.add(0, `${kind}:${metric}`, hidingCost(kind, metric))])) as Record<
    PeopleMetric,
    CellRef
  >;
  return { kind, key: '', label, confidential: false, sessions: [], people, cells };
}
