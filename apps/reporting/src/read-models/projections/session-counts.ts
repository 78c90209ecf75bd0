import { PeopleMetric } from '../../reports/domain/report-figures';
import { RegistrationRow } from './read-model-rows';

/** The people metrics a registration row decides alone (`unservedAtStart` also needs its session's start). */
export type CountedMetric = Exclude<PeopleMetric, 'unservedAtStart'>;

/** One counted metric: its rollup column, and whether a registration counts, in TypeScript and in SQL (alias `r`). */
export interface CountRule {
  readonly metric: CountedMetric;
  readonly column: string;
  readonly counts: (r: RegistrationRow) => boolean;
  readonly sql: string;
}

/** Counts the registrations whose status is one of `statuses`. */
function inStatus(
  metric: CountedMetric,
  column: string,
  ...statuses: RegistrationRow['status'][]
): CountRule {
  const list = statuses.map((status) => `'${status}'`);
  return {
    metric,
    column,
    counts: (r) => statuses.includes(r.status),
    sql: list.length === 1 ? `r.status = ${list[0]}` : `r.status IN (${list.join(', ')})`,
  };
}

/** Counts the registrations cancelled by `by`. */
function cancelledBy(metric: CountedMetric, column: string, by: string): CountRule {
  return {
    metric,
    column,
    counts: (r) => r.status === 'cancelled' && r.cancelledBy === by,
    sql: `r.status = 'cancelled' AND r.cancelled_by = '${by}'`,
  };
}

/**
 * Every metric counted per session in the rollup (`rpt_g<N>_session_counts`), one definition
 * each: the projection applies `counts` to the rows a batch changes (deltas), the backfill and
 * the reference scan run `sql` over the registration rows. The integration tests check that both
 * give the same counts.
 */
export const COUNT_RULES: readonly CountRule[] = [
  { metric: 'registrations', column: 'registrations', counts: () => true, sql: `true` },
  inStatus('confirmed', 'confirmed', 'confirmed', 'attended', 'no_show'),
  inStatus('attended', 'attended', 'attended'),
  inStatus('noShows', 'no_shows', 'no_show'),
  inStatus('attendanceOpen', 'attendance_open', 'confirmed'),
  inStatus('cancellations', 'cancellations', 'cancelled'),
  cancelledBy('cancelledByParticipant', 'cancelled_by_participant', 'participant'),
  cancelledBy('cancelledByCoordinator', 'cancelled_by_coordinator', 'coordinator'),
  cancelledBy('cancelledBySession', 'cancelled_by_session', 'session-cancelled'),
  {
    metric: 'lateCancellations',
    column: 'late_cancellations',
    counts: (r) => r.status === 'cancelled' && r.lateCancellation === true,
    sql: `r.status = 'cancelled' AND r.late_cancellation`,
  },
  {
    metric: 'waitlisted',
    column: 'waitlisted',
    counts: (r) => r.waitlistedAt !== null,
    sql: `r.waitlisted_at IS NOT NULL`,
  },
  inStatus('stillWaiting', 'still_waiting', 'waitlisted', 'offered'),
  {
    metric: 'offersMade',
    column: 'offers_made',
    counts: (r) => r.offeredAt !== null,
    sql: `r.offered_at IS NOT NULL`,
  },
  {
    metric: 'offersAccepted',
    column: 'offers_accepted',
    counts: (r) => r.offerAccepted,
    sql: `r.offer_accepted`,
  },
  inStatus('offersExpired', 'offers_expired', 'expired'),
  inStatus('offersDeclined', 'offers_declined', 'declined'),
];

/**
 * Registrations on the waitlist at the session's start with no offer, seat or departure before it
 * (aliases `r` registration, `s` session). Whether the session was held is decided at read time.
 */
export const WAITING_AT_START_SQL = `r.waitlisted_at <= s.starts_at
  AND coalesce(least(r.offered_at, r.confirmed_at, r.ended_at), 'infinity') > s.starts_at`;

export const RATING_VALUES = [1, 2, 3, 4, 5] as const;
export const ratingColumn = (rating: number) => `rating_${rating}`;

/** What a batch adds to one session's rollup row: one number per column (registration metrics, then ratings 1–5). */
export type CountDelta = number[];
export const DELTA_COLUMNS: readonly string[] = [
  ...COUNT_RULES.map((r) => r.column),
  ...RATING_VALUES.map(ratingColumn),
];

/** A registration's counts: 1 per metric it counts in. */
function contribution(row: RegistrationRow): number[] {
  return COUNT_RULES.map((rule) => (rule.counts(row) ? 1 : 0));
}

/** Did the registration's waitlist timeline move, so its session's `waiting_at_start` must be counted again? */
function waitlistMoved(before: RegistrationRow | undefined, after: RegistrationRow): boolean {
  if (!before) return after.waitlistedAt !== null;
  if (before.waitlistedAt === null && after.waitlistedAt === null) return false;
  return (
    before.waitlistedAt !== after.waitlistedAt ||
    before.offeredAt !== after.offeredAt ||
    before.confirmedAt !== after.confirmedAt ||
    before.endedAt !== after.endedAt ||
    before.sessionId !== after.sessionId
  );
}

/**
 * What one batch changes in the per-session rollup, aggregated by session so that each rollup
 * row is written once per batch, whatever the number of events.
 */
export class SessionCountDeltas {
  private readonly deltas = new Map<string, CountDelta>();
  /** Sessions whose `waiting_at_start` is counted again from their rows (it depends on the session's start). */
  readonly recount = new Set<string>();

  /**
   * A registration as it was before the batch (undefined: the batch creates it) and as the batch
   * leaves it: the difference of their counts. A row the batch leaves as it was (a redelivered
   * or repeated event) adds nothing.
   */
  registration(before: RegistrationRow | undefined, after: RegistrationRow): void {
    if (waitlistMoved(before, after)) {
      this.recount.add(after.sessionId);
      if (before) this.recount.add(before.sessionId);
    }
    const added = contribution(after);
    if (!before) return this.add(after.sessionId, added, 0);
    const removed = contribution(before);
    if (before.sessionId !== after.sessionId) {
      this.add(
        before.sessionId,
        removed.map((n) => -n),
        0,
      );
      return this.add(after.sessionId, added, 0);
    }
    this.add(
      after.sessionId,
      added.map((n, i) => n - removed[i]),
      0,
    );
  }

  /** A feedback the batch actually inserted (not one already recorded). */
  rating(sessionId: string, rating: number): void {
    const delta = RATING_VALUES.map((value) => (value === rating ? 1 : 0));
    this.add(sessionId, delta, COUNT_RULES.length);
  }

  /** A session whose start changed: its `waiting_at_start` is counted again. */
  rescheduled(sessionId: string): void {
    this.recount.add(sessionId);
  }

  /**
   * The rollup rows to write, in session order (concurrent batches lock them in one order): every
   * session with a non-zero change, and every session to recount (its row is locked before the
   * recount reads the registrations, so the recount sees every batch committed before it).
   */
  rows(): { sessionId: string; delta: CountDelta }[] {
    const ids = new Set([...this.recount]);
    for (const [id, delta] of this.deltas) if (delta.some((n) => n !== 0)) ids.add(id);
    return [...ids].sort().map((sessionId) => ({ sessionId, delta: this.deltas.get(sessionId) ?? zero() }));
  }

  private add(sessionId: string, values: number[], offset: number): void {
    const delta = this.deltas.get(sessionId) ?? zero();
    this.deltas.set(sessionId, delta);
    values.forEach((n, i) => (delta[offset + i] += n));
  }
}

function zero(): CountDelta {
  return DELTA_COLUMNS.map(() => 0);
}
