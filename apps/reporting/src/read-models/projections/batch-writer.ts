import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { ReadModelGeneration } from '../infrastructure/read-model-generation';
import { ProjectionBatch } from './projection-batch';
import { DELTA_COLUMNS, SessionCountDeltas, WAITING_AT_START_SQL } from './session-counts';
import { ScopeChanges, ScopeRollups } from './scope-rollups';
import {
  ActivityRow,
  DeliveryRow,
  FeedbackRow,
  Profile,
  ProgrammeRow,
  RegistrationRow,
  SessionRow,
  TenantRow,
  VenueRow,
} from './read-model-rows';
import { assignExcluded, assignFrom, column, Column, field, FieldColumn, selectAs, unnest } from './unnest';

/** The key participant rows are found by: a digest of the id registration sends (see the participant table). */
export function participantKey(participantId: string): Buffer {
  return createHash('sha256').update(participantId).digest();
}

const TENANT: Column<TenantRow>[] = [
  field('tenant_id', 'uuid', 'tenantId'),
  field('slug', 'text', 'slug'),
  field('name', 'text', 'name'),
  field('timezone', 'text', 'timezone'),
];
const PROGRAMME: Column<ProgrammeRow>[] = [
  field('programme_id', 'uuid', 'programmeId'),
  field('title', 'text', 'title'),
  field('starts_on', 'date', 'startsOn'),
  field('ends_on', 'date', 'endsOn'),
  field('funder', 'text', 'funder'),
  // A list per row: carried as JSON (unnest would flatten an array of arrays).
  column('partners', 'jsonb', (p) => JSON.stringify(p.partners)),
];
const ACTIVITY: FieldColumn<ActivityRow>[] = [
  field('activity_id', 'uuid', 'activityId'),
  field('programme_id', 'uuid', 'programmeId'),
  field('title', 'text', 'title'),
  field('category', 'text', 'category'),
  field('confidential', 'boolean', 'confidential'),
  field('individual', 'boolean', 'individual'),
];
const VENUE: Column<VenueRow>[] = [
  field('venue_id', 'uuid', 'venueId'),
  field('name', 'text', 'name'),
  field('seen_at', 'timestamptz', 'seenAt'),
];
const SESSION_KEY = field<SessionRow>('session_id', 'uuid', 'sessionId');
const SESSION_VALUES: FieldColumn<SessionRow>[] = [
  field('status', 'text', 'status'),
  field('activity_id', 'uuid', 'activityId'),
  field('programme_id', 'uuid', 'programmeId'),
  field('title', 'text', 'title'),
  field('category', 'text', 'category'),
  field('confidential', 'boolean', 'confidential'),
  field('starts_at', 'timestamptz', 'startsAt'),
  field('ends_at', 'timestamptz', 'endsAt'),
  field('timezone', 'text', 'timezone'),
  field('local_date', 'date', 'localDate'),
  field('local_month', 'text', 'localMonth'),
  field('venue_id', 'uuid', 'venueId'),
  field('capacity', 'int', 'capacity'),
  field('sequence', 'int', 'sequence'),
  field('published_at', 'timestamptz', 'publishedAt'),
  field('cancelled_at', 'timestamptz', 'cancelledAt'),
];
const SESSION = [SESSION_KEY, ...SESSION_VALUES];
const REGISTRATION_KEYS: FieldColumn<RegistrationRow>[] = [
  field('registration_id', 'uuid', 'registrationId'),
  field('session_id', 'uuid', 'sessionId'),
  field('participant_id', 'uuid', 'participantId'),
];
const REGISTRATION_VALUES: FieldColumn<RegistrationRow>[] = [
  field('status', 'text', 'status'),
  field('via', 'text', 'via'),
  field('waitlisted_at', 'timestamptz', 'waitlistedAt'),
  field('offered_at', 'timestamptz', 'offeredAt'),
  field('offer_accepted', 'boolean', 'offerAccepted'),
  field('confirmed_at', 'timestamptz', 'confirmedAt'),
  field('ended_at', 'timestamptz', 'endedAt'),
  field('cancelled_by', 'text', 'cancelledBy'),
  field('cancelled_from', 'text', 'cancelledFrom'),
  field('late_cancellation', 'boolean', 'lateCancellation'),
  field('minutes_before_start', 'int', 'minutesBeforeStart'),
];
const REGISTRATION = [...REGISTRATION_KEYS, ...REGISTRATION_VALUES];
/** A row the batch creates carries its participant's key: the participant row gives the id to record. */
const REGISTRATION_WRITE: Column<RegistrationRow & { participantKey: Buffer | null }>[] = [
  ...REGISTRATION,
  column('participant_key', 'bytea', (r) => r.participantKey),
];
type ParticipantUpsert = { id: string; key: Buffer; profile: Profile | null };
const PARTICIPANT: Column<ParticipantUpsert>[] = [
  column('participant_key', 'bytea', (p) => p.key),
  column('participant_id', 'uuid', (p) => p.id),
  column('profession', 'text', (p) => p.profile?.profession),
  column('practice_mode', 'text', (p) => p.profile?.practiceMode),
  column('department', 'text', (p) => p.profile?.department),
  column('profile_at', 'timestamptz', (p) => p.profile?.at),
];
type Erasure = { id: string; key: Buffer; standIn: string; at: string };
const ERASURE: Column<Erasure>[] = [
  column('participant_key', 'bytea', (e) => e.key),
  column('participant_id', 'uuid', (e) => e.standIn),
  column('erased_at', 'timestamptz', (e) => e.at),
];
const FEEDBACK: Column<FeedbackRow>[] = [
  field('feedback_id', 'uuid', 'feedbackId'),
  field('session_id', 'uuid', 'sessionId'),
  field('activity_id', 'uuid', 'activityId'),
  field('rating', 'smallint', 'rating'),
  field('quote', 'text', 'quote'),
  field('submitted_at', 'timestamptz', 'submittedAt'),
];
const DELIVERY: Column<DeliveryRow>[] = [
  field('delivery_id', 'uuid', 'deliveryId'),
  field('template', 'text', 'template'),
  field('channel', 'text', 'channel'),
  field('outcome', 'text', 'outcome'),
  field('attempts', 'int', 'attempts'),
  field('occurred_at', 'timestamptz', 'occurredAt'),
];

/** What a session contributes to a slice, and which slice: a change counts the slice again. */
const SLICE_FIELDS: readonly (keyof SessionRow)[] = [
  'status',
  'activityId',
  'venueId',
  'localMonth',
  'title',
  'category',
  'programmeId',
  'confidential',
  'capacity',
];

const names = (columns: readonly { name: string }[]) => columns.map((c) => c.name).join(', ');

/**
 * Writes one tenant's batch into a generation's read models: a few statements per batch
 * whatever its size, each a multi-row `… FROM unnest(…)`. Session and registration rows the
 * batch changes are loaded and locked first (`FOR UPDATE`, in key order), folded in memory in
 * event order and written back once. Row-level security is set for the tenant by the consumer.
 */
export class BatchWriter {
  private readonly scopeRollups: ScopeRollups;

  constructor(private readonly generation: ReadModelGeneration) {
    this.scopeRollups = new ScopeRollups(generation);
  }

  private get t() {
    return this.generation.t;
  }

  async write(manager: EntityManager, tenantId: string, batch: ProjectionBatch): Promise<void> {
    const q = (sql: string, values: unknown[]) => manager.query(sql, [tenantId, ...values]);
    const t = this.t;
    const counts = new SessionCountDeltas();
    const changes = new ScopeChanges();
    /** `INSERT` of `rows` for the tenant (`$1`), then `rest`: the `ON CONFLICT …` clause and what follows it. */
    const insert = <R>(table: string, columns: readonly Column<R>[], rows: readonly R[], rest: string) => {
      const v = unnest(columns, rows, 2);
      return q(
        `INSERT INTO ${table} (tenant_id, ${names(columns)}) SELECT $1, * FROM ${v.sql} ${rest}`,
        v.values,
      );
    };
    if (batch.tenants.size > 0) {
      const v = unnest(TENANT, [...batch.tenants.values()], 1);
      await manager.query(
        `INSERT INTO ${t.tenant} (${names(TENANT)}) SELECT * FROM ${v.sql}
         ON CONFLICT (tenant_id) DO UPDATE SET slug = COALESCE(EXCLUDED.slug, ${t.tenant}.slug), name = EXCLUDED.name,
           timezone = EXCLUDED.timezone`,
        v.values,
      );
    }
    if (batch.programmes.size > 0) {
      const v = unnest(PROGRAMME, [...batch.programmes.values()], 2);
      await q(
        `INSERT INTO ${t.programme} (tenant_id, ${names(PROGRAMME)})
         SELECT $1, programme_id, title, starts_on, ends_on, funder, ARRAY(SELECT jsonb_array_elements_text(partners)) FROM ${v.sql}
         ON CONFLICT (tenant_id, programme_id) DO UPDATE SET ${assignExcluded(PROGRAMME.slice(1))}`,
        v.values,
      );
    }
    if (batch.activities.size > 0) {
      await this.activitiesChanged(q, [...batch.activities.values()], changes);
      await insert(
        t.activity,
        ACTIVITY,
        [...batch.activities.values()],
        `ON CONFLICT (tenant_id, activity_id) DO UPDATE SET ${assignExcluded(ACTIVITY.slice(1))}`,
      );
    }
    if (batch.venues.size > 0)
      await insert(
        t.venue,
        VENUE,
        [...batch.venues.values()],
        `ON CONFLICT (tenant_id, venue_id) DO UPDATE SET name = EXCLUDED.name, seen_at = EXCLUDED.seen_at
         WHERE ${t.venue}.seen_at <= EXCLUDED.seen_at`,
      );
    if (batch.sessionChanges.size > 0) await this.writeSessions(q, batch, counts, changes);
    if (batch.registrationChanges.size > 0) await this.writeRegistrations(q, batch, counts, changes);
    if (batch.feedback.size > 0) {
      const inserted: { session_id: string; rating: number }[] = await insert(
        t.feedback,
        FEEDBACK,
        [...batch.feedback.values()],
        'ON CONFLICT DO NOTHING RETURNING session_id, rating',
      );
      for (const row of inserted) counts.rating(row.session_id, row.rating);
    }
    if (batch.deliveries.size > 0) {
      const d = t.delivery;
      await insert(
        d,
        DELIVERY,
        [...batch.deliveries.values()],
        `ON CONFLICT (tenant_id, delivery_id) DO UPDATE SET outcome = EXCLUDED.outcome, attempts = EXCLUDED.attempts,
           occurred_at = EXCLUDED.occurred_at
         WHERE ${d}.attempts < EXCLUDED.attempts OR (${d}.attempts = EXCLUDED.attempts AND EXCLUDED.outcome = 'sent')`,
      );
    }
    // Last: an erasure reaches the registrations this batch wrote as well as older ones.
    if (batch.erasures.size > 0) await this.erase(q, batch, changes);
    // Last, once per batch: the rollup rows are the last row locks a batch takes, in session order,
    // then the slices and participants they changed are counted again under the tenant's recount lock.
    await this.writeCounts(q, counts);
    for (const { sessionId } of counts.rows()) changes.countedSessions.add(sessionId);
    await this.scopeRollups.recount(manager, tenantId, changes);
  }

  /** Activities whose category, programme or confidentiality the batch changes (or first records). */
  private async activitiesChanged(q: Query, rows: ActivityRow[], changes: ScopeChanges): Promise<void> {
    const existing: ActivityRow[] = await q(
      `SELECT ${selectAs(ACTIVITY)} FROM ${this.t.activity} WHERE tenant_id = $1 AND activity_id = ANY($2::uuid[])`,
      [rows.map((row) => row.activityId)],
    );
    const before = new Map(existing.map((row) => [row.activityId, row]));
    for (const row of rows) {
      const was = before.get(row.activityId);
      if (
        !was ||
        was.category !== row.category ||
        was.programmeId !== row.programmeId ||
        was.confidential !== row.confidential
      )
        changes.activities.add(row.activityId);
    }
  }

  /**
   * The batch's changes to the per-session rollup, aggregated by session: one row each, added in
   * one statement, in session order. Then `waiting_at_start` counted again for the sessions that
   * need it: a statement of its own, run once the rows are locked, so it reads every batch that
   * committed before this one.
   */
  private async writeCounts(q: Query, counts: SessionCountDeltas): Promise<void> {
    const rows = counts.rows();
    if (rows.length === 0) return;
    const c = this.t.session_counts;
    const columns = DELTA_COLUMNS.map((name, i) =>
      column<(typeof rows)[number]>(name, 'int', (row) => row.delta[i]),
    );
    const v = unnest(
      [column<(typeof rows)[number]>('session_id', 'uuid', (row) => row.sessionId), ...columns],
      rows,
      2,
    );
    await q(
      `INSERT INTO ${c} (tenant_id, session_id, ${names(columns)}) SELECT $1, * FROM ${v.sql} ORDER BY session_id
       ON CONFLICT (tenant_id, session_id) DO UPDATE SET ${columns.map((col) => `${col.name} = ${c}.${col.name} + EXCLUDED.${col.name}`).join(', ')}`,
      v.values,
    );
    if (counts.recount.size === 0) return;
    await q(
      `UPDATE ${c} SET waiting_at_start = (
         SELECT count(*) FROM ${this.t.registration} r JOIN ${this.t.session} s ON s.tenant_id = r.tenant_id AND s.session_id = r.session_id
          WHERE r.tenant_id = $1 AND r.session_id = ${c}.session_id AND ${WAITING_AT_START_SQL})
        WHERE tenant_id = $1 AND session_id = ANY($2::uuid[])`,
      [[...counts.recount]],
    );
  }

  /** Catalog events: every session row exists (a bare placeholder at least), is locked, folded and written back. */
  private async writeSessions(
    q: Query,
    batch: ProjectionBatch,
    counts: SessionCountDeltas,
    changes: ScopeChanges,
  ): Promise<void> {
    const s = this.t.session;
    const ids = [...batch.sessionChanges.keys()].sort();
    await q(
      `INSERT INTO ${s} (tenant_id, session_id, status) SELECT $1, id, 'placeholder' FROM unnest($2::uuid[]) AS id
       ORDER BY id ON CONFLICT DO NOTHING`,
      [ids],
    );
    const existing: SessionRow[] = await q(
      `SELECT ${selectAs(SESSION)} FROM ${s} WHERE tenant_id = $1 AND session_id = ANY($2::uuid[]) ORDER BY session_id FOR UPDATE`,
      [ids],
    );
    const before = new Map(existing.map((row) => [row.sessionId, row]));
    const rows = batch.foldSessions(before);
    for (const row of rows) {
      const was = before.get(row.sessionId);
      if (was?.startsAt !== row.startsAt) counts.rescheduled(row.sessionId);
      if (was && SLICE_FIELDS.some((key) => was[key] !== row[key])) {
        changes.sessions.add(row.sessionId);
        if (was.status !== 'placeholder')
          changes.formerSlices.push({
            activityId: was.activityId,
            venueId: was.venueId,
            localMonth: was.localMonth,
          });
      }
    }
    const v = unnest(SESSION, rows, 2);
    await q(
      `UPDATE ${s} SET ${assignFrom(SESSION_VALUES)} FROM ${v.sql} WHERE ${s}.tenant_id = $1 AND ${s}.session_id = v.session_id`,
      v.values,
    );
  }

  /**
   * Registration events: the rows they touch are locked and folded, then written in one
   * statement with the placeholder sessions of the rows they create (when the catalog's events
   * have not arrived) and the participant rows, whose ids the created rows take (the stand-in
   * after an erasure). The participant rows stay locked until commit: a concurrent erasure
   * waits for this batch.
   */
  private async writeRegistrations(
    q: Query,
    batch: ProjectionBatch,
    counts: SessionCountDeltas,
    changes: ScopeChanges,
  ): Promise<void> {
    const t = this.t;
    const ids = [...batch.registrationChanges.keys()].sort();
    const existing: RegistrationRow[] = await q(
      `SELECT ${selectAs(REGISTRATION)} FROM ${t.registration}
        WHERE tenant_id = $1 AND registration_id = ANY($2::uuid[]) ORDER BY registration_id FOR UPDATE`,
      [ids],
    );
    const before = new Map(existing.map((row) => [row.registrationId, row]));
    const folded = batch.foldRegistrations(before);
    for (const row of folded.rows) {
      const was = before.get(row.registrationId);
      counts.registration(was, row);
      const attended = (r: RegistrationRow | undefined) => (r?.status === 'attended' ? r.sessionId : null);
      if (attended(was) !== attended(row)) changes.registrations.add(row.registrationId);
    }
    const participants = [...folded.participants.entries()]
      .map(([id, profile]) => ({ id, key: participantKey(id), profile }))
      .sort((a, b) => Buffer.compare(a.key, b.key));
    const keyOf = new Map(participants.map((p) => [p.id, p.key]));
    const rows = folded.rows.map((row) => ({
      ...row,
      participantKey: folded.created.has(row.registrationId)
        ? keyOf.get(batch.registrationChanges.get(row.registrationId)![0].participantId)!
        : null,
    }));
    const placeholders = unnest(SESSION, folded.placeholders, 2);
    const people = unnest(PARTICIPANT, participants, 2 + SESSION.length);
    const registrations = unnest(REGISTRATION_WRITE, rows, 2 + SESSION.length + PARTICIPANT.length);
    const p = t.participant;
    const newer = `EXCLUDED.profile_at IS NOT NULL AND (${p}.profile_at IS NULL OR ${p}.profile_at <= EXCLUDED.profile_at)`;
    await q(
      `WITH placeholder AS (
         INSERT INTO ${t.session} (tenant_id, ${names(SESSION)}) SELECT $1, * FROM ${placeholders.sql} ON CONFLICT DO NOTHING),
       participant AS (
         INSERT INTO ${p} (tenant_id, ${names(PARTICIPANT)}) SELECT $1, * FROM ${people.sql}
         ON CONFLICT (tenant_id, participant_key) DO UPDATE SET
           profession = CASE WHEN ${newer} THEN EXCLUDED.profession ELSE ${p}.profession END,
           practice_mode = CASE WHEN ${newer} THEN EXCLUDED.practice_mode ELSE ${p}.practice_mode END,
           department = CASE WHEN ${newer} THEN EXCLUDED.department ELSE ${p}.department END,
           profile_at = GREATEST(${p}.profile_at, EXCLUDED.profile_at)
         RETURNING participant_key, participant_id)
       INSERT INTO ${t.registration} (tenant_id, ${names(REGISTRATION)})
       SELECT $1, v.registration_id, v.session_id, coalesce(v.participant_id, participant.participant_id),
              ${REGISTRATION_VALUES.map((c) => `v.${c.name}`).join(', ')}
         FROM ${registrations.sql} LEFT JOIN participant ON participant.participant_key = v.participant_key
       ON CONFLICT (tenant_id, registration_id) DO UPDATE SET ${assignExcluded(REGISTRATION_VALUES)}`,
      [...placeholders.values, ...people.values, ...registrations.values],
    );
  }

  /**
   * The participant id is replaced by a random stand-in everywhere: counts of unique and
   * returning participants and the profile breakdowns stay as they were, but nothing in
   * reporting can be joined with the id any more. An erasure replayed keeps the first stand-in.
   */
  private async erase(q: Query, batch: ProjectionBatch, changes: ScopeChanges): Promise<void> {
    const t = this.t;
    const p = t.participant;
    const erasures = [...batch.erasures.entries()]
      .map(([id, at]) => ({ id, key: participantKey(id), at, standIn: uuidv7() }))
      .sort((a, b) => Buffer.compare(a.key, b.key));
    const v = unnest(ERASURE, erasures, 2);
    const rows: { key: Buffer; id: string }[] = await q(
      `INSERT INTO ${p} (tenant_id, ${names(ERASURE)}) SELECT $1, * FROM ${v.sql}
       ON CONFLICT (tenant_id, participant_key) DO UPDATE SET
         participant_id = CASE WHEN ${p}.erased_at IS NULL THEN EXCLUDED.participant_id ELSE ${p}.participant_id END,
         erased_at = COALESCE(${p}.erased_at, EXCLUDED.erased_at)
       RETURNING participant_key AS key, participant_id AS id`,
      v.values,
    );
    const standIn = new Map(rows.map((row) => [row.key.toString('hex'), row.id]));
    const pairs = erasures.map((e) => ({ original: e.id, standIn: standIn.get(e.key.toString('hex'))! }));
    // Their attendances move to the stand-in: both are counted again (the id is then held nowhere).
    for (const pair of pairs) changes.participants.add(pair.original).add(pair.standIn);
    type Pair = (typeof pairs)[number];
    const u = unnest(
      [
        column<Pair>('original', 'uuid', (x) => x.original),
        column<Pair>('stand_in', 'uuid', (x) => x.standIn),
      ],
      pairs,
      2,
    );
    await q(
      `UPDATE ${t.registration} r SET participant_id = v.stand_in FROM ${u.sql} WHERE r.tenant_id = $1 AND r.participant_id = v.original`,
      u.values,
    );
  }
}

type Query = (sql: string, values: unknown[]) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
