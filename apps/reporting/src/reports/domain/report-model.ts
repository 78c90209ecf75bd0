import { CellRef } from './count-table';
import { CellState } from './disclosure-audit';
import { PEOPLE_METRICS, PeopleFigures, PeopleMetric, ScopeSession, SessionSlice } from './report-figures';
import { ReportModelBuilder } from './report-model-builder';
import {
  Group,
  GroupDimension,
  GroupKind,
  ReportCells,
  ReportInput,
  ReportLayout,
  TOTALS_LAYOUT,
} from './report-groups';
import { ProtectedTable, PublishedCount, SmallCountSuppressor } from './small-count-suppressor';

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

/**
 * The figures of a group of sessions as published: each count as `publish` shows it, and the
 * rates only from counts it shows (a rate next to its count could give a hidden one away).
 */
export function figuresOf(
  slices: readonly SessionSlice[],
  people: PeopleFigures,
  publish: { show: (metric: PeopleMetric) => PublishedCount; visible: (metric: PeopleMetric) => boolean },
): PublishedFigures {
  const count = (of: (s: SessionSlice) => number) => slices.reduce((sum, s) => sum + of(s), 0);
  const placesOffered = count((s) => s.placesOffered);
  const ratio = (numerator: number, denominator: number) =>
    denominator > 0 ? Math.round((numerator / denominator) * 10000) / 10000 : null;
  const { confirmed, attended, noShows } = people;
  const closed = publish.visible('attended') && publish.visible('noShows');
  return {
    sessions: count((s) => s.sessions),
    sessionsHeld: count((s) => s.sessionsHeld),
    sessionsCancelled: count((s) => s.sessionsCancelled),
    placesOffered,
    ...(Object.fromEntries(
      PEOPLE_METRICS.map((metric) => [metric, publish.show(metric)]),
    ) as PublishedPeople),
    fillRate: publish.visible('confirmed') ? ratio(confirmed, placesOffered) : null,
    attendanceRate: closed ? ratio(attended, attended + noShows) : null,
    noShowRate: closed ? ratio(noShows, attended + noShows) : null,
  };
}

/**
 * Every figure of one report scope, as published: the views over the cells the builder laid out
 * (`ReportModelBuilder`) once the suppressor protected them together — each dimension's rows,
 * the totals, the unmet-demand table, the profile breakdowns and the satisfaction table are
 * linked, so whichever of them a reader puts side by side, a hidden count stays hidden.
 *
 * Every report of totals over one scope lays its people figures out the same way (the same
 * groups, slices and lines, in one order), so each of them shows or hides a group's figure as
 * the others do. The session list (`SESSION_ROWS_LAYOUT`) takes those figures as the totals
 * reports publish them, fixed, and hides session cells until no hidden count can be worked out
 * from the two put together.
 */
export class ReportModel {
  private readonly groups: Map<GroupKind, Map<string, Group>>;

  private constructor(
    private readonly protectedTable: ProtectedTable,
    private readonly cells: ReportCells,
  ) {
    this.groups = cells.groups;
  }

  static build(
    input: ReportInput,
    layout: ReportLayout = TOTALS_LAYOUT,
    suppressor = new SmallCountSuppressor(),
  ): ReportModel {
    const totals = ReportModel.protectTotals(input, suppressor);
    if (!layout.sessionRows) return totals;
    const builder = new ReportModelBuilder(input, layout);
    const cells = builder.build();
    return new ReportModel(suppressor.protect(builder.table, totals.publishedStates(cells)), cells);
  }

  private static protectTotals(input: ReportInput, suppressor: SmallCountSuppressor): ReportModel {
    const builder = new ReportModelBuilder(input, TOTALS_LAYOUT);
    const cells = builder.build();
    return new ReportModel(suppressor.protect(builder.table), cells);
  }

  /**
   * How this report shows each figure that `other` (the same scope laid out with session rows)
   * has too: the groups' figures, participants and unmet demand by activity and month.
   */
  private publishedStates(other: ReportCells): Map<CellRef, CellState> {
    const fixed = new Map<CellRef, CellState>();
    const state = (cell: CellRef) => this.protectedTable.state[cell] as CellState;
    for (const [kind, byKey] of other.groups) {
      if (kind === 'session') continue;
      for (const [key, group] of byKey) {
        const mine = this.groups.get(kind)?.get(key);
        if (!mine) throw new Error(`No ${kind} ${key} among the totals`);
        for (const metric of PEOPLE_METRICS) fixed.set(group.cells[metric], state(mine.cells[metric]));
        if (group.participantCells && mine.participantCells) {
          fixed.set(group.participantCells.unique, state(mine.participantCells.unique));
          fixed.set(group.participantCells.returning, state(mine.participantCells.returning));
        }
      }
    }
    const demand = new Map(this.cells.demand.map((d) => [`${d.activityId} ${d.month}`, d.unserved]));
    for (const d of other.demand) fixed.set(d.unserved, state(demand.get(`${d.activityId} ${d.month}`)!));
    return fixed;
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

  /**
   * Sessions of non-confidential activities, by start; individual support only as its whole
   * activity. Only with the session rows layout.
   */
  sessions(): (GroupRow & { session: ScopeSession; waitlistPeak: PublishedCount | null })[] {
    const rows = this.groups.get('session');
    if (!rows) throw new Error('This report was laid out without session rows');
    // No way to show them cell by cell beside the totals as published: no session row at all
    // (hidden cells would still tell `<5` from `≥5`).
    if (this.withheld) return [];
    // Individual support's slots stay in the sums (and the suppressor's equations), never rows of their own.
    return [...rows.values()]
      .filter((group) => !group.slices[0].individual)
      .map((group) => ({
        ...this.row(group),
        session: group.slices[0].session!,
        waitlistPeak: this.cells.peaks.has(group.key)
          ? this.protectedTable.display(this.cells.peaks.get(group.key)!)
          : null,
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
    const heldOf = (slices: readonly SessionSlice[]) => ({
      held: slices.reduce((sum, s) => sum + s.sessionsHeld, 0),
      capacity: slices.reduce((sum, s) => sum + s.heldCapacity, 0),
    });
    const toRow = (
      activity: Group,
      month: string | null,
      slices: SessionSlice[],
      cell: CellRef,
    ): UnmetDemandRow | null => {
      const { held, capacity } = heldOf(slices);
      if (held === 0) return null;
      const averageCapacity = capacity / held;
      const shown = this.protectedTable.display(cell);
      return {
        activityId: activity.key,
        activityTitle: activity.label,
        confidential: activity.confidential,
        month,
        sessionsHeld: held,
        averageCapacity: Math.round(averageCapacity * 10) / 10,
        unservedAtStart: shown,
        extraSessionsNeeded: typeof shown === 'number' ? Math.ceil(shown / averageCapacity) : null,
      };
    };
    const present = (row: UnmetDemandRow | null): row is UnmetDemandRow => row !== null;
    const rows = activities
      .filter((activity) => !activity.confidential)
      .flatMap((activity) =>
        this.cells.demand
          .filter((d) => d.activityId === activity.key)
          .map((d) => toRow(activity, d.month, d.slices, d.unserved)),
      )
      .filter(present);
    const perActivity = activities
      .map((activity) => toRow(activity, null, activity.slices, activity.cells.unservedAtStart))
      .filter(present);
    const total = this.groups.get('total')!.get('')!;
    const unservedAtStart = this.protectedTable.display(total.cells.unservedAtStart);
    const activitiesHidden = perActivity.filter((row) => row.extraSessionsNeeded === null).length;
    // With an activity's count hidden, a sum over the others would understate the need: the
    // total unserved is then spread over the average session of the scope instead.
    const held = heldOf(total.slices);
    const pooled =
      typeof unservedAtStart === 'number' && held.held > 0
        ? Math.ceil(unservedAtStart / (held.capacity / held.held))
        : null;
    return {
      rows,
      activities: perActivity,
      total: {
        unservedAtStart,
        extraSessionsNeeded:
          activitiesHidden === 0
            ? perActivity.reduce((sum, row) => sum + (row.extraSessionsNeeded ?? 0), 0)
            : pooled,
        method: activitiesHidden === 0 ? 'per-activity' : 'pooled',
        activitiesHidden,
      },
    };
  }

  /** Participants of non-confidential sessions by profession, practice mode and département; null if not loaded. */
  profiles(): {
    participants: PublishedCount;
    byProfession: ProfileCount[];
    byPracticeMode: ProfileCount[];
    byDepartment: ProfileCount[];
  } | null {
    const profiles = this.cells.profiles;
    if (!profiles) return null;
    const show = (cells: { value: string; cell: CellRef }[]) =>
      cells.map(({ value, cell }) => ({ value, participants: this.protectedTable.display(cell) }));
    return {
      participants: this.protectedTable.display(profiles.total),
      byProfession: show(profiles.breakdowns.profession),
      byPracticeMode: show(profiles.breakdowns.practiceMode),
      byDepartment: show(profiles.breakdowns.department),
    };
  }

  satisfaction(): SatisfactionView | null {
    const s = this.cells.satisfaction;
    if (!s) return null;
    const row = (responses: CellRef, ratings: CellRef[]) => {
      const distribution = Object.fromEntries(
        ratings.map((cell, i) => [String(i + 1), this.protectedTable.display(cell)]),
      );
      const hidden =
        this.protectedTable.isHidden(responses) || ratings.some((cell) => this.protectedTable.isHidden(cell));
      const n = this.protectedTable.table.value(responses);
      const sum = ratings.reduce((acc, cell, i) => acc + (i + 1) * this.protectedTable.table.value(cell), 0);
      // A mean with the count gives Σ rating × count: it is shown only when no cell of its row is hidden.
      const mean = hidden || n === 0 ? null : Math.round((sum / n) * 100) / 100;
      return { responses: this.protectedTable.display(responses), distribution, mean };
    };
    return {
      activities: s.activities.map((a) => ({
        activityId: a.group.key,
        activityTitle: a.group.label,
        confidential: a.group.confidential,
        ...row(a.responses, a.ratings),
      })),
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

  /** Small counts a reader could still pin down from what it publishes (always 0). */
  disclosedCount(): number {
    return this.protectedTable.disclosedCount();
  }

  private row(group: Group): GroupRow {
    const show = (cell: CellRef) => this.protectedTable.display(cell);
    const figures = figuresOf(group.slices, group.people, {
      show: (metric) => show(group.cells[metric]),
      visible: (metric) => !this.protectedTable.isHidden(group.cells[metric]),
    });
    if (group.participantCells) {
      figures.uniqueParticipants = show(group.participantCells.unique);
      figures.returningParticipants = show(group.participantCells.returning);
    }
    return { key: group.key, label: group.label, confidential: group.confidential, figures };
  }
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
