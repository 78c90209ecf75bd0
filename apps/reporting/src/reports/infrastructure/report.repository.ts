import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RawBuilder, Selectable, sql } from 'kysely';
import { DataSource, EntityManager } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { GenerationRepository } from '../../read-models/infrastructure/generation.repository';
import { ReadModelGeneration } from '../../read-models/infrastructure/read-model-generation';
import { RATING_VALUES, ratingColumn } from '../../read-models/projections/session-counts';
import { ProgrammeRow } from '../../read-models/projections/read-model-rows';
import { sessionMetricSql, sliceColumn } from '../../read-models/projections/scope-rollups';
import { RptG1SliceCounts } from '../../infrastructure/database';
import { db, readModel } from '../../infrastructure/db';
import { datesOf, lastMonthOver, MonthRange, periodOf, wholeMonths } from './whole-months';
import {
  emptyPeople,
  ParticipantCounts,
  PEOPLE_METRICS,
  PeopleFigures,
  PeopleMetric,
  RatingCount,
  LARGE_COUNT,
  ScopeSession,
  SessionSlice,
  SessionStatus,
} from '../domain/report-figures';
import {
  CROSS_ACTIVITY_DIMENSIONS,
  GroupDimension,
  NO_PROGRAMME_KEY,
  NO_VENUE_KEY,
  ParticipantProfiles,
  participantKeyOf,
  ReportInput,
  UNKNOWN_PROFILE,
} from '../domain/report-groups';
import { Testimonials, TESTIMONIALS_SHOWN } from '../domain/testimonials';

/** Which sessions a report covers: local dates (inclusive) and a programme, all optional. */
export interface ReportScope {
  tenantId: string;
  from: string | null;
  to: string | null;
  programmeId: string | null;
  now: Date;
  /** One session only (the coordinator's operational view of it). */
  sessionId?: string;
}

/** What a report needs besides the sessions' counts (each costs a query). */
export interface ReportParts {
  /** Dimensions to count unique and returning participants for (totals always). */
  participants?: GroupDimension[];
  profiles?: boolean;
  ratings?: boolean;
  testimonials?: boolean;
  waitlistPeaks?: boolean;
}

/** A programme as a report reads it: the row the projection keeps. */
export type ProgrammeRecord = ProgrammeRow;

export interface SessionHeader {
  sessionId: string;
  activityId: string;
  activityTitle: string;
  confidential: boolean;
  localDate: string;
  startsAt: string;
  endsAt: string;
  status: SessionStatus;
  capacity: number;
}

export interface DeliveryCount {
  template: string;
  channel: string;
  sent: number;
  retrying: number;
  failed: number;
}

/** Each people metric as the per-session rollup holds it (alias `c`, the scope `sc`). */
// Waiting at the start counts only for a session that took place (decided now, not when projected).
const ROLLUP_COLUMN_OF = Object.fromEntries(
  PEOPLE_METRICS.map((metric) => [metric, sessionMetricSql(metric, 'sc.held')]),
) as Record<PeopleMetric, string>;
const RATINGS = RATING_VALUES.map((rating) => ratingColumn(rating) as RatingColumn);
const LARGE_COLUMNS = PEOPLE_METRICS.map((metric) => `large_${metric}` as const);

/** SQL over the live read-model generation, in one tenant's transaction (row-level security on). */
@Injectable()
export class ReportRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly generations: GenerationRepository,
  ) {}

  /** Runs `work` on one consistent snapshot of the live generation. */
  read<T>(tenantId: string, work: (reader: ReportReader) => Promise<T>): Promise<T> {
    return runInTenantTransaction(
      this.dataSource,
      tenantId,
      async (manager) => work(new ReportReader(manager, tenantId, await this.generations.active(manager))),
      'REPEATABLE READ',
    );
  }
}

export class ReportReader {
  /** `fromRollups` false: every figure counted from the session and registration rows (the tests' reference). */
  constructor(
    private readonly manager: EntityManager,
    private readonly tenantId: string,
    readonly generation: ReadModelGeneration,
    private readonly fromRollups = true,
  ) {}

  /** The months a report reads from the rollups kept per month, no later than `notAfter`. */
  private rolledMonths(scope: ReportScope, notAfter?: string): MonthRange | null {
    return this.fromRollups && !scope.sessionId ? wholeMonths(scope.from, scope.to, notAfter) : null;
  }

  /**
   * The period of the distinct counts kept by the projection that a report's scope is exactly
   * (`''` the whole history, a calendar year, a quarter; no programme), or null: its unique and
   * returning participants and its profiles are then read, not counted.
   */
  private countedPeriod(scope: ReportScope): string | null {
    if (!this.fromRollups || scope.programmeId !== null || scope.sessionId) return null;
    return periodOf(scope.from, scope.to);
  }

  private get t() {
    return this.generation.t;
  }

  async tenantName(): Promise<string | null> {
    const row = await db(this.manager)
      .selectFrom(readModel(this.generation, 'tenant', 't'))
      .select('t.name')
      .where('t.tenant_id', '=', this.tenantId)
      .executeTakeFirst();
    return row?.name ?? null;
  }

  async programme(programmeId: string): Promise<ProgrammeRecord | null> {
    const row = await db(this.manager)
      .selectFrom(readModel(this.generation, 'programme', 'p'))
      .select([
        'p.programme_id',
        'p.title',
        sql<string | null>`p.starts_on::text`.as('starts_on'),
        sql<string | null>`p.ends_on::text`.as('ends_on'),
        'p.funder',
        'p.partners',
      ])
      .where('p.tenant_id', '=', this.tenantId)
      .where('p.programme_id', '=', programmeId)
      .executeTakeFirst();
    if (!row) return null;
    return {
      programmeId: row.programme_id,
      title: row.title,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      funder: row.funder,
      partners: row.partners,
    };
  }

  /** A session the catalog has published (null for an unknown one or a placeholder). */
  async sessionHeader(sessionId: string): Promise<SessionHeader | null> {
    const row = await db(this.manager)
      .selectFrom(readModel(this.generation, 'session', 's'))
      .leftJoin(readModel(this.generation, 'activity', 'a'), (join) =>
        join.onRef('a.tenant_id', '=', 's.tenant_id').onRef('a.activity_id', '=', 's.activity_id'),
      )
      .select((eb) => [
        's.session_id',
        's.activity_id',
        eb.fn.coalesce('a.title', 's.title').as('activity_title'),
        eb.fn.coalesce('a.confidential', 's.confidential', sql.lit(true)).as('confidential'),
        sql<string>`s.local_date::text`.as('local_date'),
        's.starts_at',
        's.ends_at',
        's.status',
        's.capacity',
      ])
      .where('s.tenant_id', '=', this.tenantId)
      .where('s.session_id', '=', sessionId)
      .where('s.status', '<>', 'placeholder')
      .executeTakeFirst();
    if (!row) return null;
    return {
      sessionId: row.session_id,
      activityId: row.activity_id!,
      activityTitle: row.activity_title!,
      confidential: row.confidential,
      localDate: row.local_date,
      startsAt: row.starts_at!.toISOString(),
      endsAt: row.ends_at!.toISOString(),
      status: row.status as SessionStatus,
      capacity: row.capacity!,
    };
  }

  /** Everything a report of totals is built from: the sessions in scope summed into slices by the database. */
  async load(
    scope: ReportScope,
    parts: ReportParts = {},
  ): Promise<ReportInput & { slices: SessionSlice[]; testimonials?: Testimonials }> {
    const { slices, ratings } = await this.slices(scope);
    const input = await this.loadParts<ReportInput & { slices: SessionSlice[]; testimonials?: Testimonials }>(
      { slices },
      scope,
      { ...parts, ratings: false },
    );
    if (parts.ratings) input.ratings = ratings;
    return input;
  }

  /** Everything the session list (or one session's report) is built from: the sessions in scope one by one. */
  async loadSessions(
    scope: ReportScope,
    parts: ReportParts = {},
  ): Promise<ReportInput & { sessions: ScopeSession[]; testimonials?: Testimonials }> {
    return this.loadParts({ sessions: await this.sessions(scope) }, scope, parts);
  }

  private async loadParts<T extends ReportInput & { testimonials?: Testimonials }>(
    input: T,
    scope: ReportScope,
    parts: ReportParts,
  ): Promise<T> {
    if (parts.participants) input.participants = await this.participants(scope, parts.participants);
    if (parts.profiles) input.profiles = await this.profiles(scope);
    if (parts.ratings) input.ratings = await this.ratings(scope);
    if (parts.testimonials) input.testimonials = await this.testimonials(scope);
    if (parts.waitlistPeaks) input.waitlistPeaks = await this.waitlistPeaks(scope);
    return input;
  }

  async deliveries(scope: ReportScope): Promise<DeliveryCount[]> {
    const localDate = sql<string>`(d.occurred_at AT TIME ZONE coalesce(t.timezone, 'Europe/Paris'))::date`;
    return db(this.manager)
      .selectFrom(readModel(this.generation, 'delivery', 'd'))
      .leftJoin(readModel(this.generation, 'tenant', 't'), 't.tenant_id', 'd.tenant_id')
      .select([
        'd.template',
        'd.channel',
        sql<number>`count(*) FILTER (WHERE d.outcome = 'sent')::int`.as('sent'),
        sql<number>`count(*) FILTER (WHERE d.outcome = 'retrying')::int`.as('retrying'),
        sql<number>`count(*) FILTER (WHERE d.outcome = 'failed')::int`.as('failed'),
      ])
      .where('d.tenant_id', '=', this.tenantId)
      .$if(scope.from !== null, (q) => q.where(localDate, '>=', sql<string>`${scope.from}::date`))
      .$if(scope.to !== null, (q) => q.where(localDate, '<=', sql<string>`${scope.to}::date`))
      .groupBy(['d.template', 'd.channel'])
      .orderBy('d.template')
      .orderBy('d.channel')
      .execute();
  }

  /**
   * `WITH scope AS (…)`: the published sessions in scope. With `exceptMonths` (a `MonthRange`),
   * without the sessions of those months (read from rollups), by their local date (its index; the
   * local month is that date's).
   */
  private scopeCte(scope: ReportScope, exceptMonths: MonthRange | null = null) {
    return scopeQuery(this.manager, this.generation, this.tenantId, scope, exceptMonths);
  }

  /**
   * Each scope session's per-session rollup row (alias `c`), looked up by its key (`OFFSET 0`
   * keeps the planner from hashing the tenant's whole rollup for the few sessions of the months
   * not rolled up).
   */
  private countsOfScopeSessions(): RawBuilder<unknown> {
    return sql`LEFT JOIN LATERAL (SELECT * FROM ${sql.table(this.t.session_counts)} c
       WHERE c.tenant_id = ${this.tenantId} AND c.session_id = sc.session_id OFFSET 0) c ON true`;
  }

  /**
   * The sessions in scope summed by every key a report groups by, in the database (one row per
   * activity, programme, venue and month, not one per session): the months over and wholly in
   * scope from the slice rollup, the others from their sessions' per-session rollup rows. With
   * the ratings per activity, from the same rows.
   */
  private async slices(scope: ReportScope): Promise<{ slices: SessionSlice[]; ratings: RatingCount[] }> {
    const t = this.t;
    const months = this.rolledMonths(scope, lastMonthOver(scope.now));
    const keys = `activity_id, activity_title, category, confidential, individual, programme_id, programme_title, venue_id, venue_name, local_month`;
    const live = PEOPLE_METRICS.flatMap((metric) => [
      `coalesce(${ROLLUP_COLUMN_OF[metric]}, 0) AS "${metric}"`,
      `(coalesce(${ROLLUP_COLUMN_OF[metric]}, 0) >= ${LARGE_COUNT})::int AS "large_${metric}"`,
    ]);
    const rolled = PEOPLE_METRICS.flatMap((metric) => [
      `sl.${sliceColumn(metric)}`,
      `sl.large_${sliceColumn(metric)}`,
    ]);
    const sums = [
      'sessions',
      'sessions_held',
      'sessions_cancelled',
      'places_offered',
      'held_capacity',
      ...PEOPLE_METRICS.flatMap((metric) => [`"${metric}"`, `"large_${metric}"`]),
      ...RATINGS,
    ];
    const rows = (
      await sql<SliceRow>`WITH scope AS ${this.scopeCte(scope, months)}
       SELECT ${sql.raw(keys)}, ${sql.raw(sums.map((c) => `sum(${c})::int AS ${c}`).join(', '))} FROM (
         SELECT sc.activity_id, sc.activity_title, sc.category, sc.confidential, sc.individual, sc.programme_id,
                sc.programme_title, sc.venue_id, sc.venue_name, sc.local_month,
                1 AS sessions, sc.held::int AS sessions_held, (sc.status = 'cancelled')::int AS sessions_cancelled,
                CASE WHEN sc.status <> 'cancelled' THEN coalesce(sc.capacity, 0) ELSE 0 END AS places_offered,
                CASE WHEN sc.held THEN coalesce(sc.capacity, 0) ELSE 0 END AS held_capacity,
                ${sql.raw(live.join(', '))}, ${sql.raw(RATINGS.map((c) => `coalesce(c.${c}, 0) AS ${c}`).join(', '))}
           FROM scope sc ${this.countsOfScopeSessions()}
         UNION ALL
         SELECT sl.activity_id, coalesce(a.title, sl.title), coalesce(a.category, sl.category),
                coalesce(a.confidential, sl.confidential, true), coalesce(a.individual, false),
                coalesce(a.programme_id, sl.programme_id), p.title, sl.venue_id, v.name, sl.local_month,
                sl.sessions, sl.sessions - sl.sessions_cancelled, sl.sessions_cancelled, sl.places_offered, sl.places_offered,
                ${sql.raw(rolled.join(', '))}, ${sql.raw(RATINGS.map((c) => `sl.${c}`).join(', '))}
           FROM ${sql.table(t.slice_counts)} sl
           LEFT JOIN ${sql.table(t.activity)} a ON a.tenant_id = sl.tenant_id AND a.activity_id = sl.activity_id
           LEFT JOIN ${sql.table(t.programme)} p
             ON p.tenant_id = sl.tenant_id AND p.programme_id = coalesce(a.programme_id, sl.programme_id)
           LEFT JOIN ${sql.table(t.venue)} v ON v.tenant_id = sl.tenant_id AND v.venue_id = sl.venue_id
          WHERE sl.tenant_id = ${this.tenantId}
            AND sl.local_month BETWEEN ${months?.first ?? null}::text AND ${months?.last ?? null}::text
            AND (${scope.programmeId}::uuid IS NULL OR coalesce(a.programme_id, sl.programme_id) = ${scope.programmeId}::uuid)) per_source
        GROUP BY ${sql.raw(keys)}`.execute(db(this.manager))
    ).rows;
    const slices = rows.map((row) => ({
      ...this.sessionKeys(row),
      sessions: row.sessions,
      sessionsHeld: row.sessions_held,
      sessionsCancelled: row.sessions_cancelled,
      placesOffered: row.places_offered,
      heldCapacity: row.held_capacity,
      people: this.people(row),
      largeSessions: this.people(row, 'large_'),
    }));
    const byActivity = new Map<string, number[]>();
    for (const row of rows) {
      const counts = byActivity.get(row.activity_id!) ?? RATINGS.map(() => 0);
      RATINGS.forEach((c, i) => (counts[i] += row[c]));
      byActivity.set(row.activity_id!, counts);
    }
    const ratings = [...byActivity].flatMap(([activityId, counts]) =>
      RATING_VALUES.map((rating, i) => ({ activityId, rating, count: counts[i] })).filter((r) => r.count > 0),
    );
    return { slices, ratings };
  }

  private sessionKeys(row: SessionKeys) {
    return {
      activityId: row.activity_id as string,
      activityTitle: row.activity_title ?? 'Activité',
      category: row.category ?? 'Sans catégorie',
      confidential: row.confidential,
      individual: row.individual === true,
      programmeId: row.programme_id,
      programmeTitle: row.programme_title,
      venueId: row.venue_id,
      venueName: row.venue_name,
      month: row.local_month as string,
    };
  }

  private people(row: PeopleColumns, prefix: '' | 'large_' = ''): PeopleFigures {
    // The one shape of `emptyPeople()` (the report model reads these objects per metric, many times over).
    const people = emptyPeople();
    const columns = prefix === '' ? PEOPLE_METRICS : LARGE_COLUMNS;
    for (let i = 0; i < PEOPLE_METRICS.length; i++) people[PEOPLE_METRICS[i]] = row[columns[i]];
    return people;
  }

  /** The sessions in scope with their counts, read from the per-session rollup (no registration row is read). */
  private async sessions(scope: ReportScope): Promise<ScopeSession[]> {
    const counts = PEOPLE_METRICS.map(
      (metric) => `coalesce(${ROLLUP_COLUMN_OF[metric]}, 0) AS "${metric}"`,
    ).join(', ');
    const rows = (
      await sql<
        Omit<ScopeRow, 'local_date'> & PeopleColumns & { local_date: string }
      >`WITH scope AS ${this.scopeCte(scope)}
       SELECT sc.session_id, sc.activity_id, sc.activity_title, sc.category, sc.confidential, sc.individual, sc.programme_id,
              sc.programme_title, sc.venue_id, sc.venue_name, sc.local_month, sc.local_date::text AS local_date,
              sc.starts_at, sc.ends_at, sc.status, sc.capacity, sc.held, ${sql.raw(counts)}
         FROM scope sc ${this.countsOfScopeSessions()}`.execute(db(this.manager))
    ).rows;
    return rows.map((row) => ({
      sessionId: row.session_id,
      ...this.sessionKeys(row),
      localDate: row.local_date,
      startsAt: row.starts_at!.toISOString(),
      endsAt: row.ends_at!.toISOString(),
      status: row.status as SessionStatus,
      capacity: row.capacity!,
      held: row.held,
      people: this.people(row),
    }));
  }

  /**
   * `WITH scope AS (…), attended AS (…)`: one row per participant and slice of the scope with how
   * many times they attended (`n`): from the participant slices for the months wholly in scope,
   * from the registrations of the other sessions in scope.
   */
  private attendedCte(scope: ReportScope): RawBuilder<unknown> {
    const months = this.rolledMonths(scope);
    return sql`WITH scope AS ${this.scopeCte(scope, months)},
       attended AS MATERIALIZED (
         SELECT r.participant_id, sc.activity_id, sc.category, sc.programme_id, sc.venue_id, sc.local_month, sc.confidential, 1 AS n
           FROM ${sql.table(this.t.registration)} r JOIN scope sc ON sc.session_id = r.session_id
          WHERE r.tenant_id = ${this.tenantId} AND r.status = 'attended'
         UNION ALL
         SELECT x.participant_id, x.activity_id, x.category, x.programme_id, x.venue_id, x.local_month, x.confidential, x.attended
           FROM ${sql.table(this.t.participant_slices)} x
          WHERE x.tenant_id = ${this.tenantId}
            AND x.local_month BETWEEN ${months?.first ?? null}::text AND ${months?.last ?? null}::text
            AND (${scope.programmeId}::uuid IS NULL OR x.programme_id = ${scope.programmeId}::uuid))`;
  }

  private async participants(
    scope: ReportScope,
    dimensions: GroupDimension[],
  ): Promise<Map<string, ParticipantCounts>> {
    const period = this.countedPeriod(scope);
    const rows =
      period !== null
        ? await this.countedParticipants(period, dimensions)
        : await this.scopeParticipants(scope, dimensions);
    const counts = new Map<string, ParticipantCounts>();
    for (const row of rows) {
      counts.set(participantKeyOf(row.dimension as GroupDimension, row.key), {
        unique: row.unique,
        returning: row.returning,
      });
    }
    for (const total of ['total', 'totalNonConfidential'] as const) {
      if (!counts.has(participantKeyOf(total)))
        counts.set(participantKeyOf(total), { unique: 0, returning: 0 });
    }
    return counts;
  }

  private countedParticipants(period: string, dimensions: GroupDimension[]): Promise<ParticipantCount[]> {
    return db(this.manager)
      .selectFrom(readModel(this.generation, 'distinct_counts', 'd'))
      .select(['d.dimension', 'd.key', 'd.participants as unique', 'd.returning_participants as returning'])
      .where('d.tenant_id', '=', this.tenantId)
      .where('d.period', '=', period)
      .where(
        'd.dimension',
        '=',
        sql<string>`ANY(${['total', 'totalNonConfidential', ...dimensions]}::text[])`,
      )
      .where('d.participants', '>', 0)
      .execute();
  }

  private async scopeParticipants(
    scope: ReportScope,
    dimensions: GroupDimension[],
  ): Promise<ParticipantCount[]> {
    const keyOf: Record<GroupDimension, string> = {
      activity: `activity_id::text`,
      category: `category`,
      programme: `coalesce(programme_id::text, '${NO_PROGRAMME_KEY}')`,
      venue: `coalesce(venue_id::text, '${NO_VENUE_KEY}')`,
      month: `local_month`,
    };
    const part = (dimension: string, key: string, onlyOpen: boolean) =>
      `SELECT '${dimension}' AS dimension, ${key} AS key, participant_id, sum(n) AS n FROM attended
        ${onlyOpen ? 'WHERE NOT confidential' : ''} GROUP BY 2, 3`;
    const parts = [
      part('total', `''`, false),
      part('totalNonConfidential', `''`, true),
      ...[...new Set(dimensions)].map((dimension) =>
        part(dimension, keyOf[dimension], CROSS_ACTIVITY_DIMENSIONS.includes(dimension)),
      ),
    ];
    const result = await sql<ParticipantCount>`${this.attendedCte(scope)}
       SELECT dimension, key, count(*)::int AS unique, (count(*) FILTER (WHERE n >= 2))::int AS returning
         FROM (${sql.raw(parts.join('\n UNION ALL '))}) per_participant
        GROUP BY dimension, key`.execute(db(this.manager));
    return result.rows;
  }

  private async profiles(scope: ReportScope): Promise<ParticipantProfiles> {
    const period = this.countedPeriod(scope);
    const people =
      period !== null
        ? sql`WITH people AS (SELECT participant_id FROM ${sql.table(this.t.participant_totals)}
                               WHERE tenant_id = ${this.tenantId} AND period = ${period} AND attended_open > 0)`
        : sql`${this.attendedCte(scope)}, people AS (SELECT DISTINCT participant_id FROM attended WHERE NOT confidential)`;
    // One row per value of each breakdown (GROUPING SETS), not one per combination of the three.
    const { rows } = await sql<{
      breakdown: keyof ParticipantProfiles;
      value: string | null;
      n: number;
    }>`${people}
       SELECT CASE GROUPING(pa.profession, pa.practice_mode, pa.department)
                WHEN 3 THEN 'profession' WHEN 5 THEN 'practiceMode' ELSE 'department' END AS breakdown,
              coalesce(pa.profession, pa.practice_mode, pa.department) AS value, count(*)::int AS n
         FROM people LEFT JOIN ${sql.table(this.t.participant)} pa
           ON pa.tenant_id = ${this.tenantId} AND pa.participant_id = people.participant_id
        GROUP BY GROUPING SETS ((pa.profession), (pa.practice_mode), (pa.department))`.execute(
      db(this.manager),
    );
    const profiles: ParticipantProfiles = {
      profession: new Map(),
      practiceMode: new Map(),
      department: new Map(),
    };
    for (const row of rows) {
      const map = profiles[row.breakdown];
      const value = row.value ?? UNKNOWN_PROFILE;
      map.set(value, (map.get(value) ?? 0) + row.n);
    }
    return profiles;
  }

  private async ratings(scope: ReportScope): Promise<RatingCount[]> {
    const { rows } = await sql<{
      activity_id: string;
      rating: number;
      count: number;
    }>`WITH scope AS ${this.scopeCte(scope)}
       SELECT sc.activity_id, v.rating, sum(v.n)::int AS count
         FROM scope sc JOIN ${sql.table(this.t.session_counts)} c ON c.tenant_id = ${this.tenantId} AND c.session_id = sc.session_id
        CROSS JOIN LATERAL (VALUES ${sql.raw(RATING_VALUES.map((r) => `(${r}, c.${ratingColumn(r)})`).join(', '))}) AS v(rating, n)
        GROUP BY 1, 2 HAVING sum(v.n) > 0`.execute(db(this.manager));
    return rows.map((row) => ({ activityId: row.activity_id, rating: row.rating, count: row.count }));
  }

  /** The most recent quotes of the scope (`TESTIMONIALS_SHOWN`, oldest first) and how many older ones there are. */
  private async testimonials(scope: ReportScope): Promise<Testimonials> {
    const { rows } = await sql<
      Pick<ScopeRow, 'activity_id' | 'activity_title' | 'confidential' | 'local_month'> & {
        quote: string;
        quoted: number;
      }
    >`WITH scope AS ${this.scopeCte(scope)},
       quoted AS (
         SELECT f.quote, f.submitted_at, f.feedback_id, sc.activity_id, sc.activity_title, sc.confidential, sc.local_month
           FROM ${sql.table(this.t.feedback)} f JOIN scope sc ON sc.session_id = f.session_id
          WHERE f.tenant_id = ${this.tenantId} AND f.quote IS NOT NULL)
       SELECT * FROM (SELECT q.*, (count(*) OVER ())::int AS quoted FROM quoted q
                       ORDER BY q.submitted_at DESC, q.feedback_id DESC LIMIT ${TESTIMONIALS_SHOWN}) newest
        ORDER BY submitted_at, feedback_id`.execute(db(this.manager));
    return {
      shown: rows.map((row) => ({
        quote: row.quote,
        activityId: row.activity_id!,
        activityTitle: row.activity_title!,
        month: row.confidential ? null : row.local_month,
      })),
      notShown: rows.length > 0 ? rows[0].quoted - rows.length : 0,
    };
  }

  /** Most people waiting at once per session: +1 on joining the waitlist, −1 on an offer, a seat or leaving. */
  private async waitlistPeaks(scope: ReportScope): Promise<Map<string, number>> {
    const { rows } = await sql<{ session_id: string; peak: number }>`WITH scope AS ${this.scopeCte(scope)},
       waiting AS (
         SELECT r.session_id, r.waitlisted_at, least(r.offered_at, r.confirmed_at, r.ended_at) AS left_at
           FROM ${sql.table(this.t.registration)} r JOIN scope sc ON sc.session_id = r.session_id
          WHERE r.tenant_id = ${this.tenantId} AND r.waitlisted_at IS NOT NULL AND NOT sc.confidential),
       moves AS (
         SELECT session_id, waitlisted_at AS at, 1 AS delta FROM waiting
         UNION ALL
         SELECT session_id, left_at, -1 FROM waiting WHERE left_at IS NOT NULL),
       running AS (
         SELECT session_id, sum(delta) OVER (PARTITION BY session_id ORDER BY at, delta ROWS UNBOUNDED PRECEDING) AS n
           FROM moves)
       SELECT session_id, max(n)::int AS peak FROM running GROUP BY session_id`.execute(db(this.manager));
    return new Map(rows.map((row) => [row.session_id, row.peak]));
  }
}

type ParticipantCount = { dimension: string; key: string; unique: number; returning: number };

/** The published sessions in scope (the `scope` CTE of every query that reads sessions). */
function scopeQuery(
  manager: EntityManager,
  generation: ReadModelGeneration,
  tenantId: string,
  scope: ReportScope,
  exceptMonths: MonthRange | null,
) {
  return db(manager)
    .selectFrom(readModel(generation, 'session', 's'))
    .leftJoin(readModel(generation, 'activity', 'a'), (join) =>
      join.onRef('a.tenant_id', '=', 's.tenant_id').onRef('a.activity_id', '=', 's.activity_id'),
    )
    .leftJoin(readModel(generation, 'programme', 'p'), (join) =>
      join
        .onRef('p.tenant_id', '=', 's.tenant_id')
        .on((eb) => eb('p.programme_id', '=', eb.fn.coalesce('a.programme_id', 's.programme_id'))),
    )
    .leftJoin(readModel(generation, 'venue', 'v'), (join) =>
      join.onRef('v.tenant_id', '=', 's.tenant_id').onRef('v.venue_id', '=', 's.venue_id'),
    )
    .select((eb) => [
      's.session_id',
      's.activity_id',
      eb.fn.coalesce('a.title', 's.title').as('activity_title'),
      eb.fn.coalesce('a.category', 's.category').as('category'),
      eb.fn.coalesce('a.confidential', 's.confidential', sql.lit(true)).as('confidential'),
      eb.fn.coalesce('a.individual', sql.lit(false)).as('individual'),
      eb.fn.coalesce('a.programme_id', 's.programme_id').as('programme_id'),
      'p.title as programme_title',
      's.venue_id',
      'v.name as venue_name',
      's.local_month',
      's.local_date',
      's.starts_at',
      's.ends_at',
      's.status',
      's.capacity',
      sql<boolean>`(s.status <> 'cancelled' AND s.starts_at <= ${scope.now.toISOString()}::timestamptz)`.as(
        'held',
      ),
    ])
    .where('s.tenant_id', '=', tenantId)
    .where('s.status', '<>', 'placeholder')
    .$if(scope.from !== null, (q) => q.where('s.local_date', '>=', sql<Date>`${scope.from}::date`))
    .$if(scope.to !== null, (q) => q.where('s.local_date', '<=', sql<Date>`${scope.to}::date`))
    .$if(scope.programmeId !== null, (q) =>
      q.where((eb) =>
        eb(eb.fn.coalesce('a.programme_id', 's.programme_id'), '=', sql<string>`${scope.programmeId}::uuid`),
      ),
    )
    .$if(scope.sessionId != null, (q) => q.where('s.session_id', '=', sql<string>`${scope.sessionId}::uuid`))
    .$if(exceptMonths !== null, (q) =>
      q.where((eb) => {
        // Dates as constants (not computed in SQL): the planner then sees how few sessions the
        // months not rolled up hold and reads them, and their counts, by index.
        const { from, until } = datesOf(exceptMonths!);
        return eb.or([
          eb('s.local_date', 'is', null),
          ...(from !== null ? [eb('s.local_date', '<', sql<Date>`${from}::date`)] : []),
          ...(until !== null ? [eb('s.local_date', '>=', sql<Date>`${until}::date`)] : []),
        ]);
      }),
    );
}

type ScopeRow = Awaited<ReturnType<ReturnType<typeof scopeQuery>['executeTakeFirstOrThrow']>>;
type SessionKeys = Omit<
  ScopeRow,
  'session_id' | 'local_date' | 'starts_at' | 'ends_at' | 'status' | 'capacity' | 'held'
>;
type PeopleColumns = Record<PeopleMetric | `large_${PeopleMetric}`, number>;
/** One row of `slices`: the keys, the sums, the ratings. */
type SliceRow = SessionKeys &
  Pick<Selectable<RptG1SliceCounts>, 'sessions' | 'sessions_cancelled' | 'places_offered' | RatingColumn> &
  PeopleColumns & { sessions_held: number; held_capacity: number };
type RatingColumn = `rating_${(typeof RATING_VALUES)[number]}`;
