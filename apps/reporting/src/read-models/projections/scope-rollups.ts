import { Kysely, RawBuilder, Selectable, sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { PEOPLE_METRICS, PeopleMetric, LARGE_COUNT } from '../../reports/domain/report-figures';
import { DB, RptG1Registration, RptG1SliceCounts } from '../../infrastructure/database';
import { db } from '../../infrastructure/db';
import type { ReadModelGeneration } from '../infrastructure/read-model-generation';
import { COUNT_RULES, RATING_VALUES, ratingColumn } from './session-counts';

/**
 * A people metric of one session in SQL, from its per-session rollup row (alias `c`): `held`
 * says whether the session took place (waiting at the start counts only then).
 */
export function sessionMetricSql(metric: PeopleMetric, held: string): string {
  const rule = COUNT_RULES.find((r) => r.metric === metric);
  return rule ? `c.${rule.column}` : `CASE WHEN ${held} THEN c.waiting_at_start ELSE 0 END`;
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** The slice rollup's column of a people metric (its sum), and `large_…` (how many sessions count ≥ 5). */
export const sliceColumn = (metric: PeopleMetric) => snake(metric);
const RATINGS = RATING_VALUES.map(ratingColumn);

/** The slice rollup's columns, in the order `scanSliceCounts` gives them. */
export const SLICE_COUNTS_COLUMNS = [
  'tenant_id',
  'activity_id',
  'venue_id',
  'local_month',
  'title',
  'category',
  'programme_id',
  'confidential',
  'sessions',
  'sessions_cancelled',
  'places_offered',
  ...PEOPLE_METRICS.flatMap((m) => [sliceColumn(m), `large_${sliceColumn(m)}`]),
  ...RATINGS,
];

/** The participant slices' columns, in the order `scanParticipantSlices` gives them. */
export const PARTICIPANT_SLICES_COLUMNS = [
  'tenant_id',
  'participant_id',
  'activity_id',
  'venue_id',
  'local_month',
  'category',
  'programme_id',
  'confidential',
  'attended',
];

/**
 * The groups a participant's attendance counts in, over the participant slices (alias `x`): what
 * `ReportReader` counts unique and returning participants by. Venue and month only for activities
 * that are not confidential (`CROSS_ACTIVITY_DIMENSIONS`).
 */
export const DISTINCT_GROUPS_SQL = `(VALUES ('total', '', true), ('totalNonConfidential', '', NOT x.confidential),
    ('activity', x.activity_id::text, true), ('category', x.category, true),
    ('programme', coalesce(x.programme_id::text, 'none'), true),
    ('venue', coalesce(x.venue_id::text, 'none'), NOT x.confidential), ('month', x.local_month, NOT x.confidential))
    AS d(dimension, key, counted)`;

/**
 * The periods a participant slice (alias `x`) counts in for the distinct counts: the whole history
 * (`''`), its calendar year (`2026`) and quarter (`2026-Q1`), from its local month. A report whose
 * scope is exactly one of them (and no programme) reads its unique and returning participants, and
 * its profiles, from counters instead of counting the participant slices of its months.
 */
export const PERIODS_SQL = `(VALUES (''), (left(x.local_month, 4)),
    (left(x.local_month, 4) || '-Q' || ((substr(x.local_month, 6, 2)::int + 2) / 3)::text)) AS p(period)`;

/** A period's participants (a report's profiles) read from the index alone. */
export function participantTotalsPeriodIndex(t: ReadModelGeneration['t']): string {
  return `CREATE INDEX ${t.participant_totals}_period_idx ON ${t.participant_totals} (tenant_id, period)
    INCLUDE (participant_id, attended_open)`;
}

/** Creates the scope rollups of a generation (empty), with row-level security left to the caller. */
export function scopeRollupsDdl(t: ReadModelGeneration['t']): string[] {
  const metrics = PEOPLE_METRICS.flatMap((m) => [
    `${sliceColumn(m)} integer NOT NULL`,
    `large_${sliceColumn(m)} integer NOT NULL`,
  ]).join(',\n        ');
  return [
    // The sessions of one activity, venue and month summed (with the title, category, programme and
    // confidentiality the sessions carry, used when the activity row is missing, as reports do):
    // every session counted as held unless cancelled — reports read it for months already over.
    `CREATE TABLE ${t.slice_counts} (
        tenant_id uuid NOT NULL,
        activity_id uuid,
        venue_id uuid,
        local_month text,
        title text,
        category text,
        programme_id uuid,
        confidential boolean,
        sessions integer NOT NULL,
        sessions_cancelled integer NOT NULL,
        places_offered integer NOT NULL,
        ${metrics},
        ${RATINGS.map((c) => `${c} integer NOT NULL`).join(', ')}
      )`,
    `CREATE INDEX ${t.slice_counts}_key_idx ON ${t.slice_counts} (tenant_id, activity_id, venue_id, local_month)`,
    `CREATE INDEX ${t.slice_counts}_month_idx ON ${t.slice_counts} (tenant_id, local_month)`,
    // How many times each participant attended in each slice (activity, venue, month), with the
    // activity's category, programme and confidentiality as the projection last saw them.
    `CREATE TABLE ${t.participant_slices} (
        tenant_id uuid NOT NULL,
        participant_id uuid NOT NULL,
        activity_id uuid,
        venue_id uuid,
        local_month text,
        category text,
        programme_id uuid,
        confidential boolean NOT NULL,
        attended integer NOT NULL
      )`,
    `CREATE INDEX ${t.participant_slices}_participant_idx ON ${t.participant_slices} (tenant_id, participant_id)`,
    `CREATE INDEX ${t.participant_slices}_month_idx ON ${t.participant_slices} (tenant_id, local_month)`,
    // Unique and returning participants of each group over the whole tenant's history (period ''),
    // each calendar year and each quarter (`PERIODS_SQL`).
    `CREATE TABLE ${t.distinct_counts} (
        tenant_id uuid NOT NULL,
        period text NOT NULL DEFAULT '',
        dimension text NOT NULL,
        key text NOT NULL,
        participants integer NOT NULL,
        returning_participants integer NOT NULL,
        PRIMARY KEY (tenant_id, period, dimension, key)
      )`,
    // Per participant and period: attendances, and those in non-confidential activities.
    `CREATE TABLE ${t.participant_totals} (
        tenant_id uuid NOT NULL,
        participant_id uuid NOT NULL,
        attended integer NOT NULL,
        attended_open integer NOT NULL,
        period text NOT NULL DEFAULT ''
      )`,
    `CREATE INDEX ${t.participant_totals}_participant_idx ON ${t.participant_totals} (tenant_id, participant_id)`,
    participantTotalsPeriodIndex(t),
    // The feedback quoted in reports (a few per hundred), found without reading every rating.
    `CREATE INDEX IF NOT EXISTS ${t.feedback}_quote_idx ON ${t.feedback} (tenant_id, session_id) WHERE quote IS NOT NULL`,
  ];
}

/** The slice rollup computed from the session rows and their per-session rollup (alias `s` for the filter). */
export function scanSliceCounts(t: ReadModelGeneration['t'], where = 'true'): string {
  const [before, after] = sliceCountsAround(t);
  return `${before} ${where}\n      ${after}`;
}

/** `scanSliceCounts` before and after its filter. */
function sliceCountsAround(t: ReadModelGeneration['t']): [string, string] {
  const held = `s.status <> 'cancelled'`;
  const metrics = PEOPLE_METRICS.flatMap((m) => [
    `coalesce(sum(${sessionMetricSql(m, held)}), 0)::int`,
    `(count(*) FILTER (WHERE ${sessionMetricSql(m, held)} >= ${LARGE_COUNT}))::int`,
  ]);
  return [
    `SELECT s.tenant_id, s.activity_id, s.venue_id, s.local_month, s.title, s.category, s.programme_id, s.confidential,
            count(*)::int, (count(*) FILTER (WHERE s.status = 'cancelled'))::int,
            coalesce(sum(s.capacity) FILTER (WHERE ${held}), 0)::int,
            ${metrics.join(', ')}, ${RATINGS.map((c) => `coalesce(sum(c.${c}), 0)::int`).join(', ')}
       FROM ${t.session} s LEFT JOIN ${t.session_counts} c ON c.tenant_id = s.tenant_id AND c.session_id = s.session_id
      WHERE s.status <> 'placeholder' AND`,
    `GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
  ];
}

/**
 * The participant slices computed from the registration rows (alias `r` for the filter): attended
 * registrations of sessions the catalog published, with the activity's attributes as reports
 * take them (the activity row, else what the session carries). `few`: the filter keeps a few
 * participants' registrations (a recount), whose sessions are looked up one by one (`OFFSET 0`
 * keeps the planner from hashing every session of the tenant instead, which costs as much as the
 * tenant has sessions); without it, the whole table, hashed.
 */
export function scanParticipantSlices(t: ReadModelGeneration['t'], where = 'true', few = false): string {
  const [before, after] = participantSlicesAround(t, few);
  return `${before} ${where}\n      ${after}`;
}

/** `scanParticipantSlices` before and after its filter. */
function participantSlicesAround(t: ReadModelGeneration['t'], few: boolean): [string, string] {
  const key = `s.tenant_id = r.tenant_id AND s.session_id = r.session_id`;
  const sessions = few
    ? `CROSS JOIN LATERAL (SELECT * FROM ${t.session} s WHERE ${key} OFFSET 0) s`
    : `JOIN ${t.session} s ON ${key}`;
  return [
    `SELECT r.tenant_id, r.participant_id, s.activity_id, s.venue_id, s.local_month,
            coalesce(a.category, s.category) AS category, coalesce(a.programme_id, s.programme_id) AS programme_id,
            coalesce(a.confidential, s.confidential, true) AS confidential, count(*)::int AS attended
       FROM ${t.registration} r
       ${sessions}
       LEFT JOIN ${t.activity} a ON a.tenant_id = s.tenant_id AND a.activity_id = s.activity_id
      WHERE r.status = 'attended' AND s.status <> 'placeholder' AND`,
    `GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
  ];
}

/**
 * The distinct counts of every period computed from participant slices (`source`, every column of
 * the table), in the distinct counts' columns (`DISTINCT_COUNTS_COLUMNS`).
 */
export function scanDistinctCounts(source: string): string {
  return `SELECT tenant_id, period, dimension, coalesce(key, '') AS key, count(*)::int, (count(*) FILTER (WHERE n >= 2))::int
       FROM (SELECT x.tenant_id, p.period, d.dimension, d.key, x.participant_id, sum(x.attended) AS n
               FROM ${source} x CROSS JOIN LATERAL ${DISTINCT_GROUPS_SQL} CROSS JOIN LATERAL ${PERIODS_SQL}
              WHERE d.counted AND p.period IS NOT NULL GROUP BY 1, 2, 3, 4, 5) per_participant
      GROUP BY 1, 2, 3, 4`;
}

export const DISTINCT_COUNTS_COLUMNS = [
  'tenant_id',
  'period',
  'dimension',
  'key',
  'participants',
  'returning_participants',
];

/** Per participant and period, computed from participant slices (`source`): the participant totals' columns. */
export function scanParticipantTotals(source: string): string {
  const [before, after] = participantTotalsAround(source, true);
  return `${before}x.tenant_id${after}`;
}

/** `scanParticipantTotals` before and after its tenant column (`x.tenant_id`, grouped by, or one tenant's id). */
function participantTotalsAround(source: string, groupByTenant: boolean): [string, string] {
  return [
    `SELECT `,
    `, x.participant_id, sum(x.attended)::int,
            coalesce(sum(x.attended) FILTER (WHERE NOT x.confidential), 0)::int, p.period
       FROM ${source} x CROSS JOIN LATERAL ${PERIODS_SQL}
      WHERE p.period IS NOT NULL GROUP BY x.participant_id, p.period${groupByTenant ? ', x.tenant_id' : ''}`,
  ];
}

export const PARTICIPANT_TOTALS_COLUMNS = [
  'tenant_id',
  'participant_id',
  'attended',
  'attended_open',
  'period',
];

/** Which slices and participants a batch changed, for `ScopeRollups.recount`. */
export class ScopeChanges {
  /** Sessions whose status, activity, venue, month (…) changed: their slices and attendees are counted again. */
  readonly sessions = new Set<string>();
  /** Sessions whose per-session counts changed: their slices are counted again. */
  readonly countedSessions = new Set<string>();
  /** The slices (activity, venue, month) sessions left. */
  readonly formerSlices: { activityId: string | null; venueId: string | null; localMonth: string | null }[] =
    [];
  /** Registrations that became attended or stopped being. */
  readonly registrations = new Set<string>();
  /** Of those, the ones attended after the batch (their participant and session read from their row). */
  readonly attendedNow = new Set<string>();
  /** And the attendances they held before the batch, as they were (the rows now say otherwise). */
  readonly attendedBefore: { participantId: string; sessionId: string }[] = [];
  /** Activities whose category, programme or confidentiality changed (or first known). */
  readonly activities = new Set<string>();
  /** Participant ids to count again (an erased id and its stand-in). */
  readonly participants = new Set<string>();
}

/**
 * Keeps the rollups that let a report of totals read no session or registration row for whole
 * months: the sessions summed per slice, and each participant's attendances per slice with the
 * whole-history distinct counts. Slices are counted again from their sessions' rows; a participant's
 * slices are counted again from their registrations when a batch changed a session, an activity or
 * an erasure, and moved by the attendances it added and removed when it changed registrations only
 * (`moveAttendances`: a slice holds a count per participant, which adds up; the distinct counts
 * still compare each touched participant's groups before and after). The inbox lets a batch's
 * events through once, in the batch's transaction: a delta is applied once.
 *
 * The recounts of a tenant's batches run one at a time: each holds a transaction-level advisory
 * lock of the tenant (in this generation) from before it looks for what to count again until it
 * commits. Which participants to count again depends on rows other batches write at the same
 * time: a catalog batch finds the attendees of a session it moved or published by their
 * registrations, which cannot show a registration batch's uncommitted attendance (or an erasure's
 * stand-in), while that batch counts its participant with the session as it was. Locked per
 * participant or slice, each would miss the other's change. Under the tenant lock, the batch that
 * recounts second finds and counts with every row the first committed (READ COMMITTED: each
 * statement sees what committed before it). The lock is the last a batch takes for a tenant,
 * after every row it writes, and its holder then writes only rollup rows, which nobody writes
 * without the lock; a batch of several tenants takes their locks in tenant order (the consumer
 * hands tenants over sorted): no deadlock.
 */
export class ScopeRollups {
  constructor(private readonly generation: ReadModelGeneration) {}

  private get t() {
    return this.generation.t;
  }

  /** Counts again what `changes` moved, in `manager`'s transaction (the tenant's batch). */
  async recount(manager: EntityManager, tenantId: string, changes: ScopeChanges): Promise<void> {
    const slices =
      changes.sessions.size > 0 || changes.countedSessions.size > 0 || changes.formerSlices.length > 0;
    const participants =
      changes.registrations.size > 0 ||
      changes.sessions.size > 0 ||
      changes.activities.size > 0 ||
      changes.participants.size > 0;
    if (!slices && !participants) return;
    const tx = db(manager);
    await this.lockTenant(tx, tenantId);
    if (slices) await this.recountSlices(tx, tenantId, changes);
    // Attendances alone (the common batch) move the slices they were in; anything else counts the participants again.
    const countAgain =
      changes.sessions.size > 0 || changes.activities.size > 0 || changes.participants.size > 0;
    if (countAgain) await this.recountParticipants(tx, tenantId, changes);
    else if (participants) await this.moveAttendances(tx, tenantId, changes);
  }

  /** The tenant's recount lock (see the class comment), until the transaction ends. */
  private async lockTenant(tx: Kysely<DB>, tenantId: string): Promise<void> {
    const scope = `rpt:g${this.generation.generation}:scope:`;
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${scope} || ${tenantId}::text, 0))`.execute(tx);
  }

  private async recountSlices(tx: Kysely<DB>, tenantId: string, changes: ScopeChanges): Promise<void> {
    const t = this.t;
    const former = changes.formerSlices;
    // One text key per slice (a hashable `= ANY`), with its activity to use the session index.
    const key = (a: string) =>
      sql.raw(
        `coalesce(${a}.activity_id::text, '-') || '|' || coalesce(${a}.venue_id::text, '-') || '|' || coalesce(${a}.local_month, '-')`,
      );
    const sessionIds = [...new Set([...changes.sessions, ...changes.countedSessions])];
    const { rows: keys } = await sql<Pick<Selectable<RptG1SliceCounts>, 'activity_id'> & { key: string }>`
      SELECT DISTINCT k.activity_id, ${key('k')} AS key FROM (
         SELECT activity_id, venue_id, local_month FROM ${sql.table(t.session)}
          WHERE tenant_id = ${tenantId} AND session_id = ANY(${sessionIds}::uuid[]) AND status <> 'placeholder'
         UNION ALL SELECT * FROM unnest(${former.map((f) => f.activityId)}::uuid[], ${former.map((f) => f.venueId)}::uuid[],
                                        ${former.map((f) => f.localMonth)}::text[])) k(activity_id, venue_id, local_month)`.execute(
      tx,
    );
    if (keys.length === 0) return;
    const activityIds = [...new Set(keys.map((k) => k.activity_id))];
    const sliceKeys = keys.map((k) => k.key);
    const [before, after] = sliceCountsAround(t);
    // One round trip: the slices' rows replaced (the scan reads the sessions, not the rows deleted).
    await sql`WITH gone AS (
         DELETE FROM ${sql.table(t.slice_counts)} sl WHERE sl.tenant_id = ${tenantId} AND ${key('sl')} = ANY(${sliceKeys}::text[]))
       INSERT INTO ${sql.table(t.slice_counts)} (${sql.raw(SLICE_COUNTS_COLUMNS.join(', '))})
       ${sql.raw(before)} s.tenant_id = ${tenantId} AND (s.activity_id = ANY(${activityIds}::uuid[]) OR s.activity_id IS NULL)
         AND ${key('s')} = ANY(${sliceKeys}::text[])
       ${sql.raw(after)}`.execute(tx);
  }

  /**
   * A batch of registrations only (no session, activity or erasure changed): its participants'
   * slices move by the attendances it added and removed, from the slices they had, instead of
   * being counted again from every registration of theirs. The sessions' attributes are read
   * under the tenant lock, as a recount reads them. The slices then hold what counting the rows
   * again would: every batch leaves them so, and this one changed these registrations only.
   */
  private async moveAttendances(tx: Kysely<DB>, tenantId: string, changes: ScopeChanges): Promise<void> {
    const t = this.t;
    const before = changes.attendedBefore;
    const [, group] = participantSlicesAround(t, true);
    const attributes = PARTICIPANT_SLICES_COLUMNS.slice(1, -1).join(', ');
    await this.rewriteParticipantSlices(
      tx,
      tenantId,
      // What the batch added (+1, the rows as they are now) and removed (−1, as they were), by slice.
      sql`moved AS (
         SELECT r.tenant_id, r.participant_id, s.activity_id, s.venue_id, s.local_month,
                coalesce(a.category, s.category) AS category, coalesce(a.programme_id, s.programme_id) AS programme_id,
                coalesce(a.confidential, s.confidential, true) AS confidential, sum(r.n)::int AS attended
           FROM (SELECT tenant_id, participant_id, session_id, 1 AS n FROM ${sql.table(t.registration)}
                  WHERE tenant_id = ${tenantId} AND registration_id = ANY(${[...changes.attendedNow]}::uuid[])
                    AND status = 'attended'
                 UNION ALL
                 SELECT ${tenantId}::uuid, *, -1 FROM unnest(${before.map((b) => b.participantId)}::uuid[],
                                                            ${before.map((b) => b.sessionId)}::uuid[])) r
           CROSS JOIN LATERAL (SELECT * FROM ${sql.table(t.session)} s
                                WHERE s.tenant_id = r.tenant_id AND s.session_id = r.session_id OFFSET 0) s
           LEFT JOIN ${sql.table(t.activity)} a ON a.tenant_id = s.tenant_id AND a.activity_id = s.activity_id
          WHERE s.status <> 'placeholder'
          ${sql.raw(group)}),`,
      sql`SELECT participant_id FROM moved`,
      sql`SELECT tenant_id, ${sql.raw(attributes)}, sum(attended)::int
            FROM (SELECT ${tenantId}::uuid AS tenant_id, * FROM former UNION ALL SELECT * FROM moved) x
           GROUP BY ${sql.raw(PARTICIPANT_SLICES_COLUMNS.slice(0, -1).join(', '))} HAVING sum(attended) > 0`,
    );
  }

  private async recountParticipants(tx: Kysely<DB>, tenantId: string, changes: ScopeChanges): Promise<void> {
    const t = this.t;
    const { rows } = await sql<Pick<Selectable<RptG1Registration>, 'participant_id'>>`
      SELECT participant_id FROM ${sql.table(t.registration)}
        WHERE tenant_id = ${tenantId} AND registration_id = ANY(${[...changes.registrations]}::uuid[])
       UNION SELECT participant_id FROM ${sql.table(t.registration)}
        WHERE tenant_id = ${tenantId} AND session_id = ANY(${[...changes.sessions]}::uuid[]) AND status = 'attended'
       UNION SELECT r.participant_id FROM ${sql.table(t.registration)} r
         JOIN ${sql.table(t.session)} s ON s.tenant_id = r.tenant_id AND s.session_id = r.session_id
        WHERE s.tenant_id = ${tenantId} AND s.activity_id = ANY(${[...changes.activities]}::uuid[]) AND r.status = 'attended'
       UNION SELECT unnest(${[...changes.participants]}::uuid[])`.execute(tx);
    if (rows.length === 0) return;
    const ids = rows.map((row) => row.participant_id);
    const slices = participantSlicesAround(t, true);
    await this.rewriteParticipantSlices(
      tx,
      tenantId,
      sql``,
      sql`${ids}::uuid[]`,
      sql`${sql.raw(slices[0])} r.tenant_id = ${tenantId} AND r.participant_id = ANY(${ids}::uuid[])
         ${sql.raw(slices[1])}`,
    );
  }

  /**
   * Replaces the participant slices of some participants (`ids`, an array or a subquery after
   * `prelude`'s CTEs) by `fresh` (it may read their former slices, `former`), and moves the
   * distinct counts by the difference and their totals with them, in one statement.
   */
  private async rewriteParticipantSlices(
    tx: Kysely<DB>,
    tenantId: string,
    prelude: RawBuilder<unknown>,
    ids: RawBuilder<unknown>,
    fresh: RawBuilder<unknown>,
  ): Promise<void> {
    const t = this.t;
    const columns = sql.raw(PARTICIPANT_SLICES_COLUMNS.join(', '));
    const returned = sql.raw(PARTICIPANT_SLICES_COLUMNS.slice(1, -1).join(', '));
    const d = sql.table(t.distinct_counts);
    const totals = participantTotalsAround('fresh', false);
    await sql`WITH ${prelude}
       former AS (
         DELETE FROM ${sql.table(t.participant_slices)} WHERE tenant_id = ${tenantId} AND participant_id = ANY(${ids})
         RETURNING ${returned}, attended),
       fresh AS (
         INSERT INTO ${sql.table(t.participant_slices)} (${columns}) ${fresh}
         RETURNING ${returned}, attended),
       per_group AS (
         SELECT x.participant_id, p.period, d.dimension, coalesce(d.key, '') AS key,
                coalesce(sum(-x.attended) FILTER (WHERE x.attended < 0), 0) AS was,
                coalesce(sum(x.attended) FILTER (WHERE x.attended > 0), 0) AS now
           FROM (SELECT ${returned}, -attended AS attended FROM former UNION ALL SELECT * FROM fresh) x
                CROSS JOIN LATERAL ${sql.raw(DISTINCT_GROUPS_SQL)} CROSS JOIN LATERAL ${sql.raw(PERIODS_SQL)}
          WHERE d.counted AND p.period IS NOT NULL GROUP BY 1, 2, 3, 4),
       deltas AS (
         SELECT period, dimension, key, sum((now > 0)::int - (was > 0)::int) AS participants,
                sum((now >= 2)::int - (was >= 2)::int) AS returning_participants
           FROM per_group GROUP BY 1, 2, 3),
       counted AS (
         INSERT INTO ${d} (tenant_id, period, dimension, key, participants, returning_participants)
         SELECT ${tenantId}::uuid, * FROM deltas WHERE participants <> 0 OR returning_participants <> 0
          ORDER BY period, dimension, key
         ON CONFLICT (tenant_id, period, dimension, key) DO UPDATE SET
           participants = ${d}.participants + EXCLUDED.participants,
           returning_participants = ${d}.returning_participants + EXCLUDED.returning_participants),
       dropped AS (
         DELETE FROM ${sql.table(t.participant_totals)} WHERE tenant_id = ${tenantId} AND participant_id = ANY(${ids}))
       INSERT INTO ${sql.table(t.participant_totals)} (${sql.raw(PARTICIPANT_TOTALS_COLUMNS.join(', '))})
       ${sql.raw(totals[0])}${tenantId}::uuid${sql.raw(totals[1])}`.execute(tx);
  }
}

type Db = { query(sql: string, parameters?: unknown[]): Promise<unknown> };

/** Fills a generation's scope rollups from its rows (the per-session rollup filled first). */
export async function fillScopeRollups(db: Db, generation: ReadModelGeneration): Promise<void> {
  const t = generation.t;
  await db.query(
    `LOCK TABLE ${t.registration}, ${t.session}, ${t.activity}, ${t.session_counts}, ${t.feedback} IN SHARE MODE`,
  );
  await db.query(
    `LOCK TABLE ${t.slice_counts}, ${t.participant_slices}, ${t.distinct_counts}, ${t.participant_totals} IN EXCLUSIVE MODE`,
  );
  for (const table of [t.slice_counts, t.participant_slices, t.distinct_counts, t.participant_totals])
    await db.query(`DELETE FROM ${table}`);
  await db.query(`INSERT INTO ${t.slice_counts} (${SLICE_COUNTS_COLUMNS.join(', ')}) ${scanSliceCounts(t)}`);
  await db.query(
    `INSERT INTO ${t.participant_slices} (${PARTICIPANT_SLICES_COLUMNS.join(', ')}) ${scanParticipantSlices(t)}`,
  );
  await fillDistinctCounts(db, generation);
}

/** The distinct counts and participant totals of every period, from the participant slices. */
export async function fillDistinctCounts(
  db: Db,
  generation: ReadModelGeneration,
  where = 'true',
): Promise<void> {
  const t = generation.t;
  await db.query(
    `INSERT INTO ${t.distinct_counts} (${DISTINCT_COUNTS_COLUMNS.join(', ')})
     SELECT * FROM (${scanDistinctCounts(t.participant_slices)}) counts(${DISTINCT_COUNTS_COLUMNS.join(', ')}) WHERE ${where}`,
  );
  await db.query(
    `INSERT INTO ${t.participant_totals} (${PARTICIPANT_TOTALS_COLUMNS.join(', ')})
     SELECT * FROM (${scanParticipantTotals(t.participant_slices)}) totals(${PARTICIPANT_TOTALS_COLUMNS.join(', ')}) WHERE ${where}`,
  );
}
