import { DEFAULT_SUPPRESSION_THRESHOLD } from './small-count-suppressor';

/**
 * Counts of people (registrations) a report gives for a session or a group of sessions.
 * Every one is protected by small-count suppression.
 */
export const PEOPLE_METRICS = [
  /** Every registration, whatever became of it. */
  'registrations',
  /** Registrations holding a seat at the end: confirmed, attended or no-show. */
  'confirmed',
  'attended',
  'noShows',
  /** Confirmed, attendance not taken yet. */
  'attendanceOpen',
  'cancellations',
  'cancelledByParticipant',
  'cancelledByCoordinator',
  'cancelledBySession',
  /** Cancelled within the tenant's late-cancellation window. */
  'lateCancellations',
  /** Registrations that joined the waitlist. */
  'waitlisted',
  /** Still on the waitlist, or holding an offer, now. */
  'stillWaiting',
  /** Still on the waitlist (no offer, no seat, not left) when the session started. */
  'unservedAtStart',
  'offersMade',
  'offersAccepted',
  'offersExpired',
  'offersDeclined',
] as const;
export type PeopleMetric = (typeof PEOPLE_METRICS)[number];
export type PeopleFigures = Record<PeopleMetric, number>;

/**
 * Exact relations between the metrics of one session or group, which anyone who knows how
 * registrations work can write: each registration ends in exactly one status, a seat ends
 * attended, absent or not yet checked, and a cancellation was made by exactly one party.
 */
export const ROW_RELATIONS: readonly (readonly [PeopleMetric, readonly PeopleMetric[]])[] = [
  ['registrations', ['confirmed', 'cancellations', 'offersExpired', 'offersDeclined', 'stillWaiting']],
  ['confirmed', ['attended', 'noShows', 'attendanceOpen']],
  ['cancellations', ['cancelledByParticipant', 'cancelledByCoordinator', 'cancelledBySession']],
];

export function emptyPeople(): PeopleFigures {
  return {
    registrations: 0,
    confirmed: 0,
    attended: 0,
    noShows: 0,
    attendanceOpen: 0,
    cancellations: 0,
    cancelledByParticipant: 0,
    cancelledByCoordinator: 0,
    cancelledBySession: 0,
    lateCancellations: 0,
    waitlisted: 0,
    stillWaiting: 0,
    unservedAtStart: 0,
    offersMade: 0,
    offersAccepted: 0,
    offersExpired: 0,
    offersDeclined: 0,
  };
}

/**
 * Adds `source`'s counts to `target`'s, field by field: report models sum every slice into each
 * group it belongs to, and named fields are much cheaper to add than a loop over metric names.
 */
export function addPeople(target: PeopleFigures, source: Readonly<PeopleFigures>): void {
  target.registrations += source.registrations;
  target.confirmed += source.confirmed;
  target.attended += source.attended;
  target.noShows += source.noShows;
  target.attendanceOpen += source.attendanceOpen;
  target.cancellations += source.cancellations;
  target.cancelledByParticipant += source.cancelledByParticipant;
  target.cancelledByCoordinator += source.cancelledByCoordinator;
  target.cancelledBySession += source.cancelledBySession;
  target.lateCancellations += source.lateCancellations;
  target.waitlisted += source.waitlisted;
  target.stillWaiting += source.stillWaiting;
  target.unservedAtStart += source.unservedAtStart;
  target.offersMade += source.offersMade;
  target.offersAccepted += source.offersAccepted;
  target.offersExpired += source.offersExpired;
  target.offersDeclined += source.offersDeclined;
}

export type SessionStatus = 'published' | 'cancelled' | 'completed';

/** What a report groups sessions by: the keys of a slice, which every session carries. */
export interface SliceKeys {
  activityId: string;
  activityTitle: string;
  category: string;
  confidential: boolean;
  /** Individual support: its slots are never rows of their own (absent = false). */
  individual?: boolean;
  programmeId: string | null;
  programmeTitle: string | null;
  venueId: string | null;
  venueName: string | null;
  /** Local month of the start, `YYYY-MM`, in the session's time zone. */
  month: string;
}

/** One session in a report's scope, with its registrations counted (as the read models hold them). */
export interface ScopeSession extends SliceKeys {
  sessionId: string;
  localDate: string;
  startsAt: string;
  endsAt: string;
  status: SessionStatus;
  capacity: number;
  /** Took place: not cancelled and started. */
  held: boolean;
  people: PeopleFigures;
}

/** The smallest count shown as it is (`≥5` when hidden): the threshold of small-count protection. */
export const LARGE_COUNT = DEFAULT_SUPPRESSION_THRESHOLD;

/**
 * What a reader of the session list knows of a slice's count even with every session's cell
 * hidden: each session `<5` or `≥5`. A report of totals takes it as known, so that the session
 * list can always be protected with the totals' figures as they are published.
 */
export function sliceBounds(slice: SessionSlice, metric: PeopleMetric): { lo: number; hi: number } {
  const large = slice.largeSessions[metric];
  return {
    lo: LARGE_COUNT * large,
    hi: large > 0 ? Infinity : (LARGE_COUNT - 1) * slice.sessions,
  };
}

/**
 * Sessions that share every key a report groups by (activity, category, programme, venue, month,
 * confidentiality), counted together: what a report of totals is built from. The database sums
 * them (`GROUP BY`), so a report over 40,000 sessions reads a few hundred slices.
 */
export interface SessionSlice extends SliceKeys {
  sessions: number;
  sessionsHeld: number;
  sessionsCancelled: number;
  /** Seats of the sessions not cancelled. */
  placesOffered: number;
  /** Seats of the sessions held (unmet demand's average capacity). */
  heldCapacity: number;
  people: PeopleFigures;
  /**
   * Per metric, how many of the slice's sessions count {@link LARGE_COUNT} or more: what the
   * session list tells of them even with every session's cell hidden (`≥5`).
   */
  largeSessions: PeopleFigures;
  /** The session, when the slice is one session laid out as a row of its own. */
  session?: ScopeSession;
}

/** One session as a slice of its own. */
export function sliceOf(session: ScopeSession): SessionSlice {
  const cancelled = session.status === 'cancelled';
  return {
    activityId: session.activityId,
    activityTitle: session.activityTitle,
    category: session.category,
    confidential: session.confidential,
    individual: session.individual ?? false,
    programmeId: session.programmeId,
    programmeTitle: session.programmeTitle,
    venueId: session.venueId,
    venueName: session.venueName,
    month: session.month,
    sessions: 1,
    sessionsHeld: session.held ? 1 : 0,
    sessionsCancelled: cancelled ? 1 : 0,
    placesOffered: cancelled ? 0 : session.capacity,
    heldCapacity: session.held ? session.capacity : 0,
    people: session.people,
    largeSessions: Object.fromEntries(
      PEOPLE_METRICS.map((metric) => [metric, session.people[metric] >= LARGE_COUNT ? 1 : 0]),
    ) as PeopleFigures,
    session,
  };
}

const SLICE_KEYS: readonly (keyof SliceKeys)[] = [
  'activityId',
  'activityTitle',
  'category',
  'confidential',
  'individual',
  'programmeId',
  'programmeTitle',
  'venueId',
  'venueName',
  'month',
];

/** What identifies a slice, in one canonical order (the table's layout follows it). */
export function sliceKey(slice: SessionSlice): string {
  return JSON.stringify(SLICE_KEYS.map((k) => slice[k] ?? null));
}

/** Sessions summed into slices, as the database does it for a report of totals. */
export function slicesOf(sessions: readonly ScopeSession[]): SessionSlice[] {
  const slices = new Map<string, SessionSlice>();
  for (const session of sessions) {
    const one = sliceOf(session);
    const key = sliceKey(one);
    const slice = slices.get(key);
    if (!slice) {
      const { session: _one, ...counts } = one;
      slices.set(key, { ...counts, people: { ...one.people }, largeSessions: { ...one.largeSessions } });
      continue;
    }
    slice.sessions += one.sessions;
    slice.sessionsHeld += one.sessionsHeld;
    slice.sessionsCancelled += one.sessionsCancelled;
    slice.placesOffered += one.placesOffered;
    slice.heldCapacity += one.heldCapacity;
    addPeople(slice.people, one.people);
    addPeople(slice.largeSessions, one.largeSessions);
  }
  return [...slices.values()];
}

export interface ParticipantCounts {
  /** Distinct participants who attended at least one session of the group. */
  unique: number;
  /** Of those, who attended at least two. */
  returning: number;
}

export interface RatingCount {
  activityId: string;
  rating: number;
  count: number;
}
