import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { GenerationRepository } from '../../read-models/infrastructure/generation.repository';
import { ReadModelGeneration } from '../../read-models/infrastructure/read-model-generation';
import { RATING_VALUES, ratingColumn } from '../../read-models/projections/session-counts';
import { sessionMetricSql, sliceColumn } from '../../read-models/projections/scope-rollups';
import { lastMonthOver, MonthRange, periodOf, wholeMonths } from './whole-months';
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

export interface Testimonial {
  quote: string;
  activityId: string;
  activityTitle: string;
  /** null for a confidential activity. */
  month: string | null;
}

export interface ProgrammeRecord {
  programmeId: string;
  title: string;
  startsOn: string | null;
  endsOn: string | null;
  funder: string | null;
  partners: string[];
}

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
const RATINGS = RATING_VALUES.map(ratingColumn);
const LARGE_COLUMNS = PEOPLE_METRICS.map((metric) => `large_${metric}`);

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
    const rows: { name: string }[] = await this.manager.query(
      `SELECT name FROM ${this.t.tenant} WHERE tenant_id = $1`,
      [this.tenantId],
    );
    return rows[0]?.name ?? null;
  }

  async programme(programmeId: string): Promise<ProgrammeRecord | null> {
    const rows: Record<string, unknown>[] = await this.manager.query(
      `SELECT programme_id, title, starts_on::text, ends_on::text, funder, partners FROM ${this.t.programme}
        WHERE tenant_id = $1 AND programme_id = $2`,
      [this.tenantId, programmeId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      programmeId: row.programme_id as string,
      title: row.title as string,
      startsOn: (row.starts_on as string | null) ?? null,
      endsOn: (row.ends_on as string | null) ?? null,
      funder: (row.funder as string | null) ?? null,
      partners: row.partners as string[],
    };
  }

  /** A session the catalog has published (null for an unknown one or a placeholder). */
  async sessionHeader(sessionId: string): Promise<SessionHeader | null> {
    const rows: Record<string, unknown>[] = await this.manager.query(
      `SELECT s.session_id, s.activity_id, coalesce(a.title, s.title) AS activity_title,
              coalesce(a.confidential, s.confidential, true) AS confidential, s.local_date::text AS local_date,
              s.starts_at, s.ends_at, s.status, s.capacity
         FROM ${this.t.session} s
         LEFT JOIN ${this.t.activity} a ON a.tenant_id = s.tenant_id AND a.activity_id = s.activity_id
        WHERE s.tenant_id = $1 AND s.session_id = $2 AND s.status <> 'placeholder'`,
      [this.tenantId, sessionId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      sessionId: row.session_id as string,
      activityId: row.activity_id as string,
      activityTitle: row.activity_title as string,
      confidential: row.confidential as boolean,
      localDate: row.local_date as string,
      startsAt: (row.starts_at as Date).toISOString(),
      endsAt: (row.ends_at as Date).toISOString(),
      status: row.status as SessionStatus,
      capacity: row.capacity as number,
    };
  }

  /** Everything a report of totals is built from: the sessions in scope summed into slices by the database. */
  async load(
    scope: ReportScope,
    parts: ReportParts = {},
  ): Promise<ReportInput & { slices: SessionSlice[]; testimonials?: Testimonial[] }> {
    const { slices, ratings } = await this.slices(scope);
    const input = await this.loadParts<
      ReportInput & { slices: SessionSlice[]; testimonials?: Testimonial[] }
    >({ slices }, scope, { ...parts, ratings: false });
    if (parts.ratings) input.ratings = ratings;
    return input;
  }

  /** Everything the session list (or one session's report) is built from: the sessions in scope one by one. */
  async loadSessions(
    scope: ReportScope,
    parts: ReportParts = {},
  ): Promise<ReportInput & { sessions: ScopeSession[]; testimonials?: Testimonial[] }> {
    return this.loadParts({ sessions: await this.sessions(scope) }, scope, parts);
  }

  private async loadParts<T extends ReportInput & { testimonials?: Testimonial[] }>(
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
    const rows: Record<string, unknown>[] = await this.manager.query(
      `SELECT d.template, d.channel,
              count(*) FILTER (WHERE d.outcome = 'sent')::int AS sent,
              count(*) FILTER (WHERE d.outcome = 'retrying')::int AS retrying,
              count(*) FILTER (WHERE d.outcome = 'failed')::int AS failed
         FROM ${this.t.delivery} d
         LEFT JOIN ${this.t.tenant} t ON t.tenant_id = d.tenant_id
        WHERE d.tenant_id = $1
          AND ($2::date IS NULL OR (d.occurred_at AT TIME ZONE coalesce(t.timezone, 'Europe/Paris'))::date >= $2::date)
          AND ($3::date IS NULL OR (d.occurred_at AT TIME ZONE coalesce(t.timezone, 'Europe/Paris'))::date <= $3::date)
        GROUP BY d.template, d.channel ORDER BY d.template, d.channel`,
      [this.tenantId, scope.from, scope.to],
    );
    return rows.map((row) => ({
      template: row.template as string,
      channel: row.channel as string,
      sent: row.sent as number,
      retrying: row.retrying as number,
      failed: row.failed as number,
    }));
  }

  /**
   * `WITH scope AS (…)`: the published sessions in scope. Parameters $1–$6; with `exceptMonths`,
   * $7–$8 (a `MonthRange`, or nulls) leave out the sessions of those months (read from rollups),
   * by their local date (its index; the local month is that date's).
   */
  private scopeCte(exceptMonths = false): string {
    const t = this.t;
    return `scope AS (
      SELECT s.session_id, s.activity_id, coalesce(a.title, s.title) AS activity_title,
             coalesce(a.category, s.category) AS category, coalesce(a.confidential, s.confidential, true) AS confidential,
             coalesce(a.individual, false) AS individual,
             coalesce(a.programme_id, s.programme_id) AS programme_id, p.title AS programme_title,
             s.venue_id, v.name AS venue_name, s.local_month, s.local_date, s.starts_at, s.ends_at, s.status, s.capacity,
             (s.status <> 'cancelled' AND s.starts_at <= $5::timestamptz) AS held
        FROM ${t.session} s
        LEFT JOIN ${t.activity} a ON a.tenant_id = s.tenant_id AND a.activity_id = s.activity_id
        LEFT JOIN ${t.programme} p ON p.tenant_id = s.tenant_id AND p.programme_id = coalesce(a.programme_id, s.programme_id)
        LEFT JOIN ${t.venue} v ON v.tenant_id = s.tenant_id AND v.venue_id = s.venue_id
       WHERE s.tenant_id = $1 AND s.status <> 'placeholder'
         AND ($2::date IS NULL OR s.local_date >= $2::date)
         AND ($3::date IS NULL OR s.local_date <= $3::date)
         AND ($4::uuid IS NULL OR coalesce(a.programme_id, s.programme_id) = $4::uuid)
         AND ($6::uuid IS NULL OR s.session_id = $6::uuid)
         ${exceptMonths ? `AND ($7::text IS NULL OR s.local_date IS NULL OR s.local_date < ($7::text || '-01')::date OR s.local_date >= ($8::text || '-01')::date + interval '1 month')` : ''})`;
  }

  private monthParams(months: MonthRange | null): unknown[] {
    return [months?.first ?? null, months?.last ?? null];
  }

  private scopeParams(scope: ReportScope): unknown[] {
    return [
      this.tenantId,
      scope.from,
      scope.to,
      scope.programmeId,
      scope.now.toISOString(),
      scope.sessionId ?? null,
    ];
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
    const rows: Record<string, unknown>[] = await this.manager.query(
      `WITH ${this.scopeCte(true)}
       SELECT ${keys}, ${sums.map((c) => `sum(${c})::int AS ${c}`).join(', ')} FROM (
         SELECT sc.activity_id, sc.activity_title, sc.category, sc.confidential, sc.individual, sc.programme_id,
                sc.programme_title, sc.venue_id, sc.venue_name, sc.local_month,
                1 AS sessions, sc.held::int AS sessions_held, (sc.status = 'cancelled')::int AS sessions_cancelled,
                CASE WHEN sc.status <> 'cancelled' THEN coalesce(sc.capacity, 0) ELSE 0 END AS places_offered,
                CASE WHEN sc.held THEN coalesce(sc.capacity, 0) ELSE 0 END AS held_capacity,
                ${live.join(', ')}, ${RATINGS.map((c) => `coalesce(c.${c}, 0) AS ${c}`).join(', ')}
           FROM scope sc LEFT JOIN ${t.session_counts} c ON c.tenant_id = $1 AND c.session_id = sc.session_id
         UNION ALL
         SELECT sl.activity_id, coalesce(a.title, sl.title), coalesce(a.category, sl.category),
                coalesce(a.confidential, sl.confidential, true), coalesce(a.individual, false),
                coalesce(a.programme_id, sl.programme_id), p.title, sl.venue_id, v.name, sl.local_month,
                sl.sessions, sl.sessions - sl.sessions_cancelled, sl.sessions_cancelled, sl.places_offered, sl.places_offered,
                ${rolled.join(', ')}, ${RATINGS.map((c) => `sl.${c}`).join(', ')}
           FROM ${t.slice_counts} sl
           LEFT JOIN ${t.activity} a ON a.tenant_id = sl.tenant_id AND a.activity_id = sl.activity_id
           LEFT JOIN ${t.programme} p ON p.tenant_id = sl.tenant_id AND p.programme_id = coalesce(a.programme_id, sl.programme_id)
           LEFT JOIN ${t.venue} v ON v.tenant_id = sl.tenant_id AND v.venue_id = sl.venue_id
          WHERE sl.tenant_id = $1 AND sl.local_month BETWEEN $7::text AND $8::text
            AND ($4::uuid IS NULL OR coalesce(a.programme_id, sl.programme_id) = $4::uuid)) per_source
        GROUP BY ${keys}`,
      [...this.scopeParams(scope), ...this.monthParams(months)],
    );
    const slices = rows.map((row) => ({
      ...this.sessionKeys(row),
      sessions: row.sessions as number,
      sessionsHeld: row.sessions_held as number,
      sessionsCancelled: row.sessions_cancelled as number,
      placesOffered: row.places_offered as number,
      heldCapacity: row.held_capacity as number,
      people: this.people(row),
      largeSessions: this.people(row, 'large_'),
    }));
    const byActivity = new Map<string, number[]>();
    for (const row of rows) {
      const counts = byActivity.get(row.activity_id as string) ?? RATINGS.map(() => 0);
      RATINGS.forEach((c, i) => (counts[i] += row[c] as number));
      byActivity.set(row.activity_id as string, counts);
    }
    const ratings = [...byActivity].flatMap(([activityId, counts]) =>
      RATING_VALUES.map((rating, i) => ({ activityId, rating, count: counts[i] })).filter((r) => r.count > 0),
    );
    return { slices, ratings };
  }

  private sessionKeys(row: Record<string, unknown>) {
    return {
      activityId: row.activity_id as string,
      activityTitle: (row.activity_title as string | null) ?? 'Activité',
      category: (row.category as string | null) ?? 'Sans catégorie',
      confidential: row.confidential as boolean,
      individual: row.individual === true,
      programmeId: (row.programme_id as string | null) ?? null,
      programmeTitle: (row.programme_title as string | null) ?? null,
      venueId: (row.venue_id as string | null) ?? null,
      venueName: (row.venue_name as string | null) ?? null,
      month: row.local_month as string,
    };
  }

  private people(row: Record<string, unknown>, prefix: '' | 'large_' = ''): PeopleFigures {
    // The one shape of `emptyPeople()` (the report model reads these objects per metric, many times over).
    const people = emptyPeople();
    const columns = prefix === '' ? PEOPLE_METRICS : LARGE_COLUMNS;
    for (let i = 0; i < PEOPLE_METRICS.length; i++) people[PEOPLE_METRICS[i]] = row[columns[i]] as number;
    return people;
  }

  /** The sessions in scope with their counts, read from the per-session rollup (no registration row is read). */
  private async sessions(scope: ReportScope): Promise<ScopeSession[]> {
    const counts = PEOPLE_METRICS.map(
      (metric) => `coalesce(${ROLLUP_COLUMN_OF[metric]}, 0) AS "${metric}"`,
    ).join(', ');
    const rows: Record<string, unknown>[] = await this.manager.query(
      `WITH ${this.scopeCte()}
       SELECT sc.session_id, sc.activity_id, sc.activity_title, sc.category, sc.confidential, sc.individual, sc.programme_id,
              sc.programme_title, sc.venue_id, sc.venue_name, sc.local_month, sc.local_date::text AS local_date,
              sc.starts_at, sc.ends_at, sc.status, sc.capacity, sc.held, ${counts}
         FROM scope sc LEFT JOIN ${this.t.session_counts} c ON c.tenant_id = $1 AND c.session_id = sc.session_id`,
      this.scopeParams(scope),
    );
    return rows.map((row) => ({
      sessionId: row.session_id as string,
      ...this.sessionKeys(row),
      localDate: row.local_date as string,
      startsAt: (row.starts_at as Date).toISOString(),
      endsAt: (row.ends_at as Date).toISOString(),
      status: row.status as SessionStatus,
      capacity: row.capacity as number,
      held: row.held as boolean,
      people: this.people(row),
    }));
  }

  /**
   * `WITH scope AS (…), attended AS (…)`: one row per participant and slice of the scope with how
   * many times they attended (`n`): from the participant slices for the months wholly in scope,
   * from the registrations of the other sessions in scope. Parameters $1–$8.
   */
  private attendedCte(scope: ReportScope): { sql: string; params: unknown[] } {
    const months = this.rolledMonths(scope);
    return {
      sql: `WITH ${this.scopeCte(true)},
       attended AS MATERIALIZED (
         SELECT r.participant_id, sc.activity_id, sc.category, sc.programme_id, sc.venue_id, sc.local_month, sc.confidential, 1 AS n
           FROM ${this.t.registration} r JOIN scope sc ON sc.session_id = r.session_id
          WHERE r.tenant_id = $1 AND r.status = 'attended'
         UNION ALL
         SELECT x.participant_id, x.activity_id, x.category, x.programme_id, x.venue_id, x.local_month, x.confidential, x.attended
           FROM ${this.t.participant_slices} x
          WHERE x.tenant_id = $1 AND x.local_month BETWEEN $7::text AND $8::text
            AND ($4::uuid IS NULL OR x.programme_id = $4::uuid))`,
      params: [...this.scopeParams(scope), ...this.monthParams(months)],
    };
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

  private countedParticipants(
    period: string,
    dimensions: GroupDimension[],
  ): Promise<{ dimension: string; key: string; unique: number; returning: number }[]> {
    return this.manager.query(
      `SELECT dimension, key, participants AS unique, returning_participants AS returning FROM ${this.t.distinct_counts}
        WHERE tenant_id = $1 AND period = $3 AND dimension = ANY($2::text[]) AND participants > 0`,
      [this.tenantId, ['total', 'totalNonConfidential', ...dimensions], period],
    );
  }

  private scopeParticipants(
    scope: ReportScope,
    dimensions: GroupDimension[],
  ): Promise<{ dimension: string; key: string; unique: number; returning: number }[]> {
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
    const attended = this.attendedCte(scope);
    return this.manager.query(
      `${attended.sql}
       SELECT dimension, key, count(*)::int AS unique, (count(*) FILTER (WHERE n >= 2))::int AS returning
         FROM (${parts.join('\n UNION ALL ')}) per_participant
        GROUP BY dimension, key`,
      attended.params,
    );
  }

  private async profiles(scope: ReportScope): Promise<ParticipantProfiles> {
    const attended = this.attendedCte(scope);
    const period = this.countedPeriod(scope);
    const [people, params] =
      period !== null
        ? [
            `WITH people AS (SELECT participant_id FROM ${this.t.participant_totals}
                              WHERE tenant_id = $1 AND period = $2 AND attended_open > 0)`,
            [this.tenantId, period],
          ]
        : [
            `${attended.sql}, people AS (SELECT DISTINCT participant_id FROM attended WHERE NOT confidential)`,
            attended.params,
          ];
    const rows: {
      profession: string | null;
      practice_mode: string | null;
      department: string | null;
      n: number;
    }[] = await this.manager.query(
      `${people}
       SELECT pa.profession, pa.practice_mode, pa.department, count(*)::int AS n
         FROM people LEFT JOIN ${this.t.participant} pa ON pa.tenant_id = $1 AND pa.participant_id = people.participant_id
        GROUP BY 1, 2, 3`,
      params,
    );
    const profiles: ParticipantProfiles = {
      profession: new Map(),
      practiceMode: new Map(),
      department: new Map(),
    };
    const add = (map: Map<string, number>, value: string | null, n: number) => {
      const key = value ?? UNKNOWN_PROFILE;
      map.set(key, (map.get(key) ?? 0) + n);
    };
    for (const row of rows) {
      add(profiles.profession, row.profession, row.n);
      add(profiles.practiceMode, row.practice_mode, row.n);
      add(profiles.department, row.department, row.n);
    }
    return profiles;
  }

  private async ratings(scope: ReportScope): Promise<RatingCount[]> {
    const rows: { activity_id: string; rating: number; count: number }[] = await this.manager.query(
      `WITH ${this.scopeCte()}
       SELECT sc.activity_id, v.rating, sum(v.n)::int AS count
         FROM scope sc JOIN ${this.t.session_counts} c ON c.tenant_id = $1 AND c.session_id = sc.session_id
        CROSS JOIN LATERAL (VALUES ${RATING_VALUES.map((r) => `(${r}, c.${ratingColumn(r)})`).join(', ')}) AS v(rating, n)
        GROUP BY 1, 2 HAVING sum(v.n) > 0`,
      this.scopeParams(scope),
    );
    return rows.map((row) => ({ activityId: row.activity_id, rating: row.rating, count: row.count }));
  }

  private async testimonials(scope: ReportScope): Promise<Testimonial[]> {
    const rows: Record<string, unknown>[] = await this.manager.query(
      `WITH ${this.scopeCte()}
       SELECT f.quote, sc.activity_id, sc.activity_title, sc.confidential, sc.local_month
         FROM ${this.t.feedback} f JOIN scope sc ON sc.session_id = f.session_id
        WHERE f.tenant_id = $1 AND f.quote IS NOT NULL
        ORDER BY f.submitted_at, f.feedback_id`,
      this.scopeParams(scope),
    );
    return rows.map((row) => ({
      quote: row.quote as string,
      activityId: row.activity_id as string,
      activityTitle: row.activity_title as string,
      month: row.confidential ? null : (row.local_month as string),
    }));
  }

  /** Most people waiting at once per session: +1 on joining the waitlist, −1 on an offer, a seat or leaving. */
  private async waitlistPeaks(scope: ReportScope): Promise<Map<string, number>> {
    const rows: { session_id: string; peak: number }[] = await this.manager.query(
      `WITH ${this.scopeCte()},
       waiting AS (
         SELECT r.session_id, r.waitlisted_at, least(r.offered_at, r.confirmed_at, r.ended_at) AS left_at
           FROM ${this.t.registration} r JOIN scope sc ON sc.session_id = r.session_id
          WHERE r.tenant_id = $1 AND r.waitlisted_at IS NOT NULL AND NOT sc.confidential),
       moves AS (
         SELECT session_id, waitlisted_at AS at, 1 AS delta FROM waiting
         UNION ALL
         SELECT session_id, left_at, -1 FROM waiting WHERE left_at IS NOT NULL),
       running AS (
         SELECT session_id, sum(delta) OVER (PARTITION BY session_id ORDER BY at, delta ROWS UNBOUNDED PRECEDING) AS n
           FROM moves)
       SELECT session_id, max(n)::int AS peak FROM running GROUP BY session_id`,
      this.scopeParams(scope),
    );
    return new Map(rows.map((row) => [row.session_id, row.peak]));
  }
}
