import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { ReadModelGeneration } from '../infrastructure/read-model-generation';
import { ProjectionBatch } from './projection-batch';
import { DELTA_COLUMNS, SessionCountDeltas, WAITING_AT_START_SQL } from './session-counts';
import { ScopeChanges, ScopeRollups } from './scope-rollups';
import * as rows from './read-model-rows';
import { ActivityRow, RegistrationRow, SessionRow } from './read-model-rows';
import * as merge from './unnest';
import { assignFrom, column, fields, selectAs, unnest, Upsert, upsertSql } from './unnest';

/** The key participant rows are found by: a digest of the id registration sends (see the participant table). */
export function participantKey(participantId: string): Buffer {
  return createHash('sha256').update(participantId).digest();
}

// Each table as the projection writes it (see `Upsert`): its key, its values and how they merge.
const TENANT: Upsert<rows.TenantRow> = {
  key: [], // the tenant's own row: found by tenant_id alone
  values: fields({ text: ['slug', 'name', 'timezone'] }),
  merge: { slug: merge.unlessNull },
};
const PROGRAMME: Upsert<rows.ProgrammeRow> = {
  key: fields({ uuid: ['programmeId'] }),
  values: [
    ...fields<rows.ProgrammeRow>({ text: ['title', 'funder'], date: ['startsOn', 'endsOn'] }),
    // A list per row: carried as JSON (unnest would flatten an array of arrays).
    column('partners', 'jsonb', (p) => JSON.stringify(p.partners)),
  ],
  select: { partners: 'ARRAY(SELECT jsonb_array_elements_text(v.partners))' },
};
const ACTIVITY = {
  key: fields<ActivityRow>({ uuid: ['activityId'] }),
  values: fields<ActivityRow>({
    uuid: ['programmeId'],
    text: ['title', 'category'],
    boolean: ['confidential', 'individual'],
  }),
} satisfies Upsert<ActivityRow>;
const VENUE: Upsert<rows.VenueRow> = {
  key: fields({ uuid: ['venueId'] }),
  values: fields({ text: ['name'], timestamptz: ['seenAt'] }),
  when: (found) => `${found}.seen_at <= EXCLUDED.seen_at`,
};
/** Written by the catalog's events (an UPDATE of the locked rows), created as placeholders. */
const SESSION = {
  key: fields<SessionRow>({ uuid: ['sessionId'] }),
  values: fields<SessionRow>({
    text: ['status', 'title', 'category', 'timezone', 'localMonth'],
    uuid: ['activityId', 'programmeId', 'venueId'],
    boolean: ['confidential'],
    timestamptz: ['startsAt', 'endsAt', 'publishedAt', 'cancelledAt'],
    date: ['localDate'],
    int: ['capacity', 'sequence'],
  }),
  merge: 'nothing',
} satisfies Upsert<SessionRow>;
/** A row the batch creates carries its participant's key: the participant row gives the id to record. */
type RegistrationWrite = RegistrationRow & { participantKey: Buffer | null };
const REGISTRATION = {
  key: fields<RegistrationWrite>({ uuid: ['registrationId'] }),
  values: fields<RegistrationWrite>({
    uuid: ['sessionId', 'participantId'],
    text: ['status', 'via', 'cancelledBy', 'cancelledFrom'],
    timestamptz: ['waitlistedAt', 'offeredAt', 'confirmedAt', 'endedAt'],
    boolean: ['offerAccepted', 'lateCancellation'],
    int: ['minutesBeforeStart'],
  }),
  // The id recorded, once given, changes only by an erasure.
  merge: { session_id: merge.keep, participant_id: merge.keep },
} satisfies Upsert<RegistrationWrite>;
const CARRIED_PARTICIPANT_KEY = fields<RegistrationWrite>({ bytea: ['participantKey'] });
type ParticipantWrite = { participantKey: Buffer; participantId: string } & Omit<rows.Profile, 'at'> & {
    profileAt: string | null;
  };
/** A profile is replaced by a newer one only (events of one participant interleave across sessions). */
const newerProfile = merge.replaceWhen(
  (p) =>
    `EXCLUDED.profile_at IS NOT NULL AND (${p}.profile_at IS NULL OR ${p}.profile_at <= EXCLUDED.profile_at)`,
);
const PARTICIPANT: Upsert<ParticipantWrite> = {
  key: fields({ bytea: ['participantKey'] }),
  values: fields({
    uuid: ['participantId'],
    text: ['profession', 'practiceMode', 'department'],
    timestamptz: ['profileAt'],
  }),
  merge: {
    participant_id: merge.keep,
    profession: newerProfile,
    practice_mode: newerProfile,
    department: newerProfile,
    profile_at: merge.greatest,
  },
};
type ErasureWrite = { participantKey: Buffer; participantId: string; erasedAt: string };
/** The participant id replaced by a stand-in at the first erasure; a replayed erasure keeps it. */
const ERASURE: Upsert<ErasureWrite> = {
  key: fields({ bytea: ['participantKey'] }),
  values: fields({ uuid: ['participantId'], timestamptz: ['erasedAt'] }),
  merge: {
    participant_id: merge.replaceWhen((p) => `${p}.erased_at IS NULL`),
    erased_at: merge.first,
  },
};
const FEEDBACK: Upsert<rows.FeedbackRow> = {
  key: fields({ uuid: ['feedbackId'] }),
  values: fields({
    uuid: ['sessionId', 'activityId'],
    smallint: ['rating'],
    text: ['quote'],
    timestamptz: ['submittedAt'],
  }),
  merge: 'nothing', // written once: a second event with its id changes nothing
};
const DELIVERY: Upsert<rows.DeliveryRow> = {
  key: fields({ uuid: ['deliveryId'] }),
  values: fields({
    text: ['template', 'channel', 'outcome'],
    int: ['attempts'],
    timestamptz: ['occurredAt'],
  }),
  merge: { template: merge.keep, channel: merge.keep },
  when: (d) =>
    `${d}.attempts < EXCLUDED.attempts OR (${d}.attempts = EXCLUDED.attempts AND EXCLUDED.outcome = 'sent')`,
};
type CountsWrite = ReturnType<SessionCountDeltas['rows']>[number];
/** The per-session rollup: the batch's deltas added, one row per session. */
const SESSION_COUNTS: Upsert<CountsWrite> = {
  key: fields({ uuid: ['sessionId'] }),
  values: DELTA_COLUMNS.map((name, i) => column<CountsWrite>(name, 'int', (row) => row.delta[i])),
  merge: Object.fromEntries(DELTA_COLUMNS.map((name) => [name, merge.add])),
};

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
    const q: Query = (sql, values) => manager.query(sql, [tenantId, ...values]);
    const t = this.t;
    const counts = new SessionCountDeltas();
    const changes = new ScopeChanges();
    /** `rows` written into `table` as `upsert` says, when there are any. */
    const write = async <R>(table: string, upsert: Upsert<R>, rows: Iterable<R>, returning?: string) => {
      const list = [...rows];
      if (list.length === 0) return [];
      const statement = upsertSql(table, upsert, list, { returning });
      return q(statement.sql, statement.values);
    };
    await write(t.tenant, TENANT, batch.tenants.values());
    await write(t.programme, PROGRAMME, batch.programmes.values());
    if (batch.activities.size > 0) await this.activitiesChanged(q, [...batch.activities.values()], changes);
    await write(t.activity, ACTIVITY, batch.activities.values());
    await write(t.venue, VENUE, batch.venues.values());
    if (batch.sessionChanges.size > 0) await this.writeSessions(q, batch, counts, changes);
    if (batch.registrationChanges.size > 0) await this.writeRegistrations(q, batch, counts, changes);
    const rated: { session_id: string; rating: number }[] = await write(
      t.feedback,
      FEEDBACK,
      batch.feedback.values(),
      'session_id, rating',
    );
    for (const row of rated) counts.rating(row.session_id, row.rating);
    await write(t.delivery, DELIVERY, batch.deliveries.values());
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
      `SELECT ${selectAs([...ACTIVITY.key, ...ACTIVITY.values])} FROM ${this.t.activity}
        WHERE tenant_id = $1 AND activity_id = ANY($2::uuid[])`,
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
    const added = upsertSql(c, SESSION_COUNTS, rows);
    await q(added.sql, added.values);
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
    const placeholders = upsertSql(s, SESSION, ids.map(rows.emptySession));
    await q(placeholders.sql, placeholders.values);
    const columns = [...SESSION.key, ...SESSION.values];
    const existing: SessionRow[] = await q(
      `SELECT ${selectAs(columns)} FROM ${s} WHERE tenant_id = $1 AND session_id = ANY($2::uuid[]) ORDER BY session_id FOR UPDATE`,
      [ids],
    );
    const before = new Map(existing.map((row) => [row.sessionId, row]));
    const folded = batch.foldSessions(before);
    for (const row of folded) {
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
    const v = unnest(columns, folded, 2);
    await q(
      `UPDATE ${s} SET ${assignFrom(SESSION.values)} FROM ${v.sql} WHERE ${s}.tenant_id = $1 AND ${s}.session_id = v.session_id`,
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
      `SELECT ${selectAs([...REGISTRATION.key, ...REGISTRATION.values])} FROM ${t.registration}
        WHERE tenant_id = $1 AND registration_id = ANY($2::uuid[]) ORDER BY registration_id FOR UPDATE`,
      [ids],
    );
    const before = new Map(existing.map((row) => [row.registrationId, row]));
    const folded = batch.foldRegistrations(before);
    for (const row of folded.rows) {
      const was = before.get(row.registrationId);
      counts.registration(was, row);
      const attended = (r: RegistrationRow | undefined) => (r?.status === 'attended' ? r.sessionId : null);
      if (attended(was) !== attended(row)) {
        changes.registrations.add(row.registrationId);
        if (attended(row)) changes.attendedNow.add(row.registrationId);
        if (was && attended(was))
          changes.attendedBefore.push({ participantId: was.participantId!, sessionId: was.sessionId });
      }
    }
    const participants: ParticipantWrite[] = [...folded.participants.entries()].map(([id, profile]) => ({
      participantKey: participantKey(id),
      participantId: id,
      profession: profile?.profession ?? null,
      practiceMode: profile?.practiceMode ?? null,
      department: profile?.department ?? null,
      profileAt: profile?.at ?? null,
    }));
    const keyOf = new Map(participants.map((p) => [p.participantId, p.participantKey]));
    const registrations: RegistrationWrite[] = folded.rows.map((row) => ({
      ...row,
      participantKey: folded.created.has(row.registrationId)
        ? keyOf.get(batch.registrationChanges.get(row.registrationId)![0].participantId)!
        : null,
    }));
    const placeholders = upsertSql(t.session, SESSION, folded.placeholders);
    const people = upsertSql(t.participant, PARTICIPANT, participants, {
      first: 2 + placeholders.values.length,
      returning: 'participant_key, participant_id',
    });
    const written = upsertSql(t.registration, REGISTRATION, registrations, {
      first: 2 + placeholders.values.length + people.values.length,
      carry: CARRIED_PARTICIPANT_KEY,
      join: 'LEFT JOIN participant ON participant.participant_key = v.participant_key',
      select: { participant_id: 'coalesce(v.participant_id, participant.participant_id)' },
    });
    await q(`WITH placeholder AS (${placeholders.sql}), participant AS (${people.sql}) ${written.sql}`, [
      ...placeholders.values,
      ...people.values,
      ...written.values,
    ]);
  }

  /**
   * The participant id is replaced by a random stand-in everywhere: counts of unique and
   * returning participants and the profile breakdowns stay as they were, but nothing in
   * reporting can be joined with the id any more. An erasure replayed keeps the first stand-in.
   */
  private async erase(q: Query, batch: ProjectionBatch, changes: ScopeChanges): Promise<void> {
    const t = this.t;
    const erasures = [...batch.erasures.entries()].map(([id, at]) => ({
      original: id,
      write: { participantKey: participantKey(id), participantId: uuidv7(), erasedAt: at },
    }));
    const statement = upsertSql(
      t.participant,
      ERASURE,
      erasures.map((e) => e.write),
      { returning: 'participant_key AS key, participant_id AS id' },
    );
    const rows: { key: Buffer; id: string }[] = await q(statement.sql, statement.values);
    const standIn = new Map(rows.map((row) => [row.key.toString('hex'), row.id]));
    const pairs = erasures.map((e) => ({
      original: e.original,
      standIn: standIn.get(e.write.participantKey.toString('hex'))!,
    }));
    // Their attendances move to the stand-in: both are counted again (the id is then held nowhere).
    for (const pair of pairs) changes.participants.add(pair.original).add(pair.standIn);
    const u = unnest(fields<(typeof pairs)[number]>({ uuid: ['original', 'standIn'] }), pairs, 2);
    await q(
      `UPDATE ${t.registration} r SET participant_id = v.stand_in FROM ${u.sql} WHERE r.tenant_id = $1 AND r.participant_id = v.original`,
      u.values,
    );
  }
}

type Query = (sql: string, values: unknown[]) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
