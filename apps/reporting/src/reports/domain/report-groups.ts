import { CellRef } from './count-table';
import {
  ParticipantCounts,
  PeopleFigures,
  PeopleMetric,
  RatingCount,
  ScopeSession,
  SessionSlice,
} from './report-figures';

export const GROUP_DIMENSIONS = ['activity', 'category', 'programme', 'venue', 'month'] as const;
export type GroupDimension = (typeof GROUP_DIMENSIONS)[number];

/**
 * Dimensions that cut across activities. Confidential activities are left out of them (and of
 * session rows and participant profiles): nothing about a confidential activity is published
 * below the activity itself.
 */
export const CROSS_ACTIVITY_DIMENSIONS: readonly GroupDimension[] = ['venue', 'month'];

export const NO_PROGRAMME_KEY = 'none';
export const NO_VENUE_KEY = 'none';
export const UNKNOWN_PROFILE = 'inconnu';

export type GroupKind = GroupDimension | 'session' | 'total' | 'totalNonConfidential';

/** Sessions grouped by one key of one dimension, with a cell per metric in the report's count table. */
export interface Group {
  kind: GroupKind;
  key: string;
  label: string;
  confidential: boolean;
  slices: SessionSlice[];
  people: PeopleFigures;
  cells: Record<PeopleMetric, CellRef>;
  participantCells?: { unique: CellRef; returning: CellRef };
}

/** Unserved demand of one activity in one month (non-confidential activities). */
export interface DemandCell {
  activityId: string;
  month: string;
  slices: SessionSlice[];
  unserved: CellRef;
}

export interface ParticipantProfiles {
  profession: Map<string, number>;
  practiceMode: Map<string, number>;
  department: Map<string, number>;
}

export interface ProfileCells {
  total: CellRef;
  breakdowns: Record<keyof ParticipantProfiles, { value: string; cell: CellRef }[]>;
}

export interface SatisfactionCells {
  activities: { group: Group; responses: CellRef; ratings: CellRef[] }[];
  total: { responses: CellRef; ratings: CellRef[] };
}

/** Every cell of one report, by what it stands for: what the builder makes and the views read. */
export interface ReportCells {
  groups: Map<GroupKind, Map<string, Group>>;
  demand: DemandCell[];
  profiles: ProfileCells | null;
  satisfaction: SatisfactionCells | null;
  /** Most people waiting at once, per session id. */
  peaks: Map<string, CellRef>;
}

export interface ReportInput {
  /** The sessions in scope one by one: what the session list lays out (and what tests give). */
  sessions?: ScopeSession[];
  /** The sessions in scope summed by the database into slices: what a report of totals reads. */
  slices?: SessionSlice[];
  /** Unique and returning participants, keyed `dimension:key`, `total:` and `totalNonConfidential:`. */
  participants?: Map<string, ParticipantCounts>;
  /** Distinct participants of non-confidential sessions who attended, by their latest profile. */
  profiles?: ParticipantProfiles;
  ratings?: RatingCount[];
  /** Highest number of people waiting at once, per session. */
  waitlistPeaks?: Map<string, number>;
}

/**
 * What one report lays out. The session list shows a row per session, so its table holds a cell
 * per metric of every session; a report of totals (funder report, breakdowns, profiles, unmet
 * demand, satisfaction) shows groups only, and its table holds the slices between them as
 * unpublished cells.
 */
export interface ReportLayout {
  sessionRows: boolean;
}

export const TOTALS_LAYOUT: ReportLayout = { sessionRows: false };
export const SESSION_ROWS_LAYOUT: ReportLayout = { sessionRows: true };

export function participantKeyOf(kind: GroupDimension | 'total' | 'totalNonConfidential', key = ''): string {
  return `${kind}:${key}`;
}
