import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  ACTIVITY_CREATED_V1,
  ACTIVITY_UPDATED_V1,
  DELIVERY_FAILED_V1,
  DELIVERY_SENT_V1,
  EventData,
  EventDefinition,
  EventEnvelope,
  FEEDBACK_SUBMITTED_V1,
  PARTICIPANT_ERASED_V1,
  PROGRAMME_CREATED_V1,
  PROGRAMME_UPDATED_V1,
  REGISTRATION_ATTENDED_V1,
  REGISTRATION_CANCELLED_V1,
  REGISTRATION_CONFIRMED_V1,
  REGISTRATION_NO_SHOW_V1,
  REGISTRATION_OFFER_ACCEPTED_V1,
  REGISTRATION_OFFER_DECLINED_V1,
  REGISTRATION_OFFER_EXPIRED_V1,
  REGISTRATION_OFFERED_V1,
  REGISTRATION_WAITLISTED_V1,
  SESSION_CANCELLED_V1,
  SESSION_CAPACITY_CHANGED_V1,
  SESSION_COMPLETED_V1,
  SESSION_PUBLISHED_V1,
  SESSION_RESCHEDULED_V1,
  SessionPublishedV1,
  TENANT_CREATED_V1,
  TENANT_SETTINGS_CHANGED_V1,
} from '@respire/contracts';
import { EventContext, EventHandlerRegistration } from '@respire/messaging';
import { ReadModelGeneration } from '../infrastructure/read-model-generation';

const FALLBACK_ZONE = 'Europe/Paris';

/** The session snapshot registration events carry (libs/contracts fragments). */
interface Snapshot {
  title: string;
  confidential: boolean;
  startsAt: string;
  endsAt: string;
  timezone: string;
  venue: { id: string };
  sequence: number;
}

/** A registration's status change that is not its first event (the row normally exists). */
interface StatusChange {
  registrationId: string;
  sessionId: string;
  participantId: string;
}

/** Local calendar date and month of an instant in a session's time zone. */
export function localDay(instant: string, timezone: string): { date: string; month: string } {
  let local = DateTime.fromISO(instant, { zone: timezone });
  if (!local.isValid) local = DateTime.fromISO(instant, { zone: FALLBACK_ZONE });
  return { date: local.toISODate()!, month: local.toFormat('yyyy-MM') };
}

/** The key participant rows are found by: a digest of the id registration sends (see the participant table). */
export function participantKey(participantId: string): Buffer {
  return createHash('sha256').update(participantId).digest();
}

/**
 * Projects every event of the three topics into one generation's read models.
 *
 * Idempotent: the consumer's inbox lets each event through once per consumer group (one group
 * per generation). Order-tolerant where keys differ: events of one session (catalog) and of one
 * session's registrations (registration) are each in order, but the two topics and the
 * participant-keyed erasure interleave freely, so
 *  - a registration may arrive before its session: a `placeholder` session row holds what the
 *    registration's snapshot says until the catalog's events fill it;
 *  - session times, venue names and participant profiles keep the newest version (by the
 *    session's reschedule sequence or the event's time), whatever the arrival order;
 *  - an erasure may arrive before the participant's registrations (in a replay): the
 *    participant row it leaves maps them to the same stand-in id.
 * Activity attributes (title, category, confidential, programme) are joined at read time, so
 * an activity update applies to sessions whichever arrives first.
 */
export class ReadModelProjector {
  constructor(private readonly generation: ReadModelGeneration) {}

  handlers(): EventHandlerRegistration[] {
    return [
      this.on(TENANT_CREATED_V1, (e, c) => this.upsertTenant(c.manager, e.tenantId, e.data.slug, e.data.name, e.data.timezone)),
      this.on(TENANT_SETTINGS_CHANGED_V1, (e, c) => this.upsertTenant(c.manager, e.tenantId, null, e.data.name, e.data.timezone)),
      this.on(PROGRAMME_CREATED_V1, (e, c) => this.upsertProgramme(c.manager, e)),
      this.on(PROGRAMME_UPDATED_V1, (e, c) => this.upsertProgramme(c.manager, e)),
      this.on(ACTIVITY_CREATED_V1, (e, c) => this.upsertActivity(c.manager, e)),
      this.on(ACTIVITY_UPDATED_V1, (e, c) => this.upsertActivity(c.manager, e)),
      this.on(SESSION_PUBLISHED_V1, (e, c) => this.sessionPublished(c.manager, e)),
      this.on(SESSION_RESCHEDULED_V1, (e, c) => this.sessionRescheduled(c.manager, e)),
      this.on(SESSION_CAPACITY_CHANGED_V1, (e, c) =>
        this.updateSession(c.manager, e.tenantId, e.data.sessionId, 'capacity = $3', [e.data.capacity]),
      ),
      this.on(SESSION_CANCELLED_V1, (e, c) =>
        this.updateSession(c.manager, e.tenantId, e.data.sessionId, `status = 'cancelled', cancelled_at = $3`, [e.occurredAt]),
      ),
      this.on(SESSION_COMPLETED_V1, (e, c) =>
        this.updateSession(
          c.manager,
          e.tenantId,
          e.data.sessionId,
          `status = CASE WHEN status = 'cancelled' THEN status ELSE 'completed' END`,
          [],
        ),
      ),
      this.on(REGISTRATION_CONFIRMED_V1, (e, c) => this.registrationConfirmed(c.manager, e)),
      this.on(REGISTRATION_WAITLISTED_V1, (e, c) => this.registrationWaitlisted(c.manager, e)),
      this.on(REGISTRATION_OFFERED_V1, (e, c) =>
        this.changeStatus(c.manager, e, `status = 'offered', offered_at = COALESCE(offered_at, $3)`, [e.occurredAt], e.data.session),
      ),
      this.on(REGISTRATION_OFFER_ACCEPTED_V1, (e, c) => this.changeStatus(c.manager, e, `offer_accepted = true`, [])),
      this.on(REGISTRATION_OFFER_DECLINED_V1, (e, c) =>
        this.changeStatus(c.manager, e, `status = 'declined', ended_at = COALESCE(ended_at, $3)`, [e.occurredAt]),
      ),
      this.on(REGISTRATION_OFFER_EXPIRED_V1, (e, c) =>
        this.changeStatus(c.manager, e, `status = 'expired', ended_at = COALESCE(ended_at, $3)`, [e.occurredAt], e.data.session),
      ),
      this.on(REGISTRATION_CANCELLED_V1, (e, c) =>
        this.changeStatus(
          c.manager,
          e,
          `status = 'cancelled', ended_at = COALESCE(ended_at, $3), cancelled_by = $4, cancelled_from = $5,
           late_cancellation = $6, minutes_before_start = $7`,
          [e.occurredAt, e.data.by, e.data.previousStatus, e.data.lateCancellation, e.data.minutesBeforeStart],
          e.data.session,
        ),
      ),
      this.on(REGISTRATION_ATTENDED_V1, (e, c) => this.changeStatus(c.manager, e, `status = 'attended'`, [], e.data.session)),
      this.on(REGISTRATION_NO_SHOW_V1, (e, c) => this.changeStatus(c.manager, e, `status = 'no_show'`, [])),
      this.on(FEEDBACK_SUBMITTED_V1, (e, c) => this.feedbackSubmitted(c.manager, e)),
      this.on(PARTICIPANT_ERASED_V1, (e, c) => this.participantErased(c.manager, e)),
      this.on(DELIVERY_SENT_V1, (e, c) => this.delivery(c.manager, e.tenantId, e.data, 'sent', e.occurredAt)),
      this.on(DELIVERY_FAILED_V1, (e, c) =>
        this.delivery(c.manager, e.tenantId, e.data, e.data.permanent ? 'failed' : 'retrying', e.occurredAt),
      ),
    ];
  }

  private on<D extends EventDefinition>(
    definition: D,
    handle: (event: EventEnvelope<EventData<D>>, context: EventContext) => Promise<unknown>,
  ): EventHandlerRegistration {
    return {
      definition,
      name: `reporting.g${this.generation.generation}.${definition.type}`,
      handle: async (event, context) => {
        await handle(event as EventEnvelope<EventData<D>>, context);
      },
    };
  }

  private get t() {
    return this.generation.t;
  }

  private upsertTenant(manager: EntityManager, tenantId: string, slug: string | null, name: string, timezone: string) {
    return manager.query(
      `INSERT INTO ${this.t.tenant} (tenant_id, slug, name, timezone) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id) DO UPDATE SET slug = COALESCE(EXCLUDED.slug, ${this.t.tenant}.slug),
         name = EXCLUDED.name, timezone = EXCLUDED.timezone`,
      [tenantId, slug, name, timezone],
    );
  }

  private upsertProgramme(manager: EntityManager, e: EventEnvelope<EventData<typeof PROGRAMME_CREATED_V1>>) {
    const d = e.data;
    return manager.query(
      `INSERT INTO ${this.t.programme} (tenant_id, programme_id, title, starts_on, ends_on, funder, partners)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, programme_id) DO UPDATE SET title = EXCLUDED.title, starts_on = EXCLUDED.starts_on,
         ends_on = EXCLUDED.ends_on, funder = EXCLUDED.funder, partners = EXCLUDED.partners`,
      [e.tenantId, d.programmeId, d.title, d.startsOn, d.endsOn, d.funder, d.partners],
    );
  }

  private upsertActivity(manager: EntityManager, e: EventEnvelope<EventData<typeof ACTIVITY_CREATED_V1>>) {
    const d = e.data;
    return manager.query(
      `INSERT INTO ${this.t.activity} (tenant_id, activity_id, programme_id, title, category, confidential, individual)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, activity_id) DO UPDATE SET programme_id = EXCLUDED.programme_id, title = EXCLUDED.title,
         category = EXCLUDED.category, confidential = EXCLUDED.confidential, individual = EXCLUDED.individual`,
      [e.tenantId, d.activityId, d.programmeId, d.title, d.category, d.confidential, d.individual ?? false],
    );
  }

  /** Keeps the most recently seen name of a venue (events about different sessions interleave). */
  private venueUpsert(first: number): string {
    return `INSERT INTO ${this.t.venue} (tenant_id, venue_id, name, seen_at) VALUES ($1, $${first}, $${first + 1}, $${first + 2})
      ON CONFLICT (tenant_id, venue_id) DO UPDATE SET name = EXCLUDED.name, seen_at = EXCLUDED.seen_at
      WHERE ${this.t.venue}.seen_at <= EXCLUDED.seen_at`;
  }

  private sessionPublished(manager: EntityManager, e: EventEnvelope<SessionPublishedV1>) {
    const d = e.data;
    const day = localDay(d.startsAt, d.timezone);
    const s = this.t.session;
    return manager.query(
      `WITH venue AS (${this.venueUpsert(16)})
       INSERT INTO ${s} (tenant_id, session_id, status, activity_id, programme_id, title, category, confidential,
         starts_at, ends_at, timezone, local_date, local_month, venue_id, capacity, sequence, published_at)
       VALUES ($1, $2, 'published', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $16, $13, $14, $15)
       ON CONFLICT (tenant_id, session_id) DO UPDATE SET
         status = CASE WHEN ${s}.status IN ('cancelled', 'completed') THEN ${s}.status ELSE 'published' END,
         activity_id = EXCLUDED.activity_id, programme_id = EXCLUDED.programme_id, title = EXCLUDED.title,
         category = EXCLUDED.category, confidential = EXCLUDED.confidential,
         capacity = EXCLUDED.capacity, published_at = EXCLUDED.published_at,
         starts_at = CASE WHEN ${s}.status = 'placeholder' AND ${s}.sequence > EXCLUDED.sequence THEN ${s}.starts_at ELSE EXCLUDED.starts_at END,
         ends_at = CASE WHEN ${s}.status = 'placeholder' AND ${s}.sequence > EXCLUDED.sequence THEN ${s}.ends_at ELSE EXCLUDED.ends_at END,
         timezone = CASE WHEN ${s}.status = 'placeholder' AND ${s}.sequence > EXCLUDED.sequence THEN ${s}.timezone ELSE EXCLUDED.timezone END,
         local_date = CASE WHEN ${s}.status = 'placeholder' AND ${s}.sequence > EXCLUDED.sequence THEN ${s}.local_date ELSE EXCLUDED.local_date END,
         local_month = CASE WHEN ${s}.status = 'placeholder' AND ${s}.sequence > EXCLUDED.sequence THEN ${s}.local_month ELSE EXCLUDED.local_month END,
         venue_id = CASE WHEN ${s}.status = 'placeholder' AND ${s}.sequence > EXCLUDED.sequence THEN ${s}.venue_id ELSE EXCLUDED.venue_id END,
         sequence = GREATEST(${s}.sequence, EXCLUDED.sequence)`,
      [
        e.tenantId,
        d.sessionId,
        d.activityId,
        d.programmeId,
        d.title,
        d.category,
        d.confidential,
        d.startsAt,
        d.endsAt,
        d.timezone,
        day.date,
        day.month,
        d.capacity,
        d.sequence,
        e.occurredAt,
        d.venue.id,
        d.venue.name,
        e.occurredAt,
      ],
    );
  }

  private sessionRescheduled(manager: EntityManager, e: EventEnvelope<EventData<typeof SESSION_RESCHEDULED_V1>>) {
    const d = e.data;
    const day = localDay(d.startsAt, d.timezone);
    const s = this.t.session;
    return manager.query(
      `WITH venue AS (${this.venueUpsert(9)})
       INSERT INTO ${s} (tenant_id, session_id, status, starts_at, ends_at, timezone, local_date, local_month, venue_id, sequence)
       VALUES ($1, $2, 'placeholder', $3, $4, $5, $6, $7, $9, $8)
       ON CONFLICT (tenant_id, session_id) DO UPDATE SET starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at,
         timezone = EXCLUDED.timezone, local_date = EXCLUDED.local_date, local_month = EXCLUDED.local_month,
         venue_id = EXCLUDED.venue_id, sequence = EXCLUDED.sequence
       WHERE ${s}.sequence IS NULL OR ${s}.sequence < EXCLUDED.sequence`,
      [e.tenantId, d.sessionId, d.startsAt, d.endsAt, d.timezone, day.date, day.month, d.sequence, d.venue.id, d.venue.name, e.occurredAt],
    );
  }

  /** A change to a session the catalog already announced (a placeholder row if not yet seen). */
  private async updateSession(manager: EntityManager, tenantId: string, sessionId: string, set: string, values: unknown[]) {
    await manager.query(
      `INSERT INTO ${this.t.session} (tenant_id, session_id, status) VALUES ($1, $2, 'placeholder') ON CONFLICT DO NOTHING`,
      [tenantId, sessionId],
    );
    await manager.query(`UPDATE ${this.t.session} SET ${set} WHERE tenant_id = $1 AND session_id = $2`, [tenantId, sessionId, ...values]);
  }

  /**
   * A session row for a registration's session, from the snapshot the registration event
   * carries, if the catalog's events have not arrived yet. Parameters $1 (tenant) and $2
   * (session) are shared with the statement it is embedded in; its own start at `first`.
   */
  private placeholderFrom(first: number): string {
    const p = (i: number) => `$${first + i}`;
    return `INSERT INTO ${this.t.session} (tenant_id, session_id, status, title, confidential, starts_at, ends_at, timezone,
        local_date, local_month, venue_id, sequence)
      VALUES ($1, $2, 'placeholder', ${p(0)}, ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)})
      ON CONFLICT DO NOTHING`;
  }

  private placeholderValues(snapshot: Snapshot | undefined): unknown[] {
    if (!snapshot) return [null, null, null, null, null, null, null, null, null];
    const day = localDay(snapshot.startsAt, snapshot.timezone);
    return [
      snapshot.title,
      snapshot.confidential,
      snapshot.startsAt,
      snapshot.endsAt,
      snapshot.timezone,
      day.date,
      day.month,
      snapshot.venue.id,
      snapshot.sequence,
    ];
  }

  /**
   * The participant row (locked for the rest of the transaction) and the id to record: the one
   * registration sent, or the stand-in left by an erasure. Locking it serialises a registration's
   * first event with a concurrent erasure of the same participant.
   */
  private participantUpsert(first: number, withProfile: boolean): string {
    const p = this.t.participant;
    const profile = withProfile
      ? `profession = CASE WHEN ${p}.profile_at IS NULL OR ${p}.profile_at <= EXCLUDED.profile_at THEN EXCLUDED.profession ELSE ${p}.profession END,
         practice_mode = CASE WHEN ${p}.profile_at IS NULL OR ${p}.profile_at <= EXCLUDED.profile_at THEN EXCLUDED.practice_mode ELSE ${p}.practice_mode END,
         department = CASE WHEN ${p}.profile_at IS NULL OR ${p}.profile_at <= EXCLUDED.profile_at THEN EXCLUDED.department ELSE ${p}.department END,
         profile_at = GREATEST(${p}.profile_at, EXCLUDED.profile_at)`
      : `participant_id = ${p}.participant_id`;
    const i = (n: number) => `$${first + n}`;
    return `INSERT INTO ${p} (tenant_id, participant_key, participant_id, profession, practice_mode, department, profile_at)
      VALUES ($1, ${i(0)}, ${i(1)}, ${i(2)}, ${i(3)}, ${i(4)}, ${i(5)})
      ON CONFLICT (tenant_id, participant_key) DO UPDATE SET ${profile}
      RETURNING participant_id`;
  }

  private registrationConfirmed(manager: EntityManager, e: EventEnvelope<EventData<typeof REGISTRATION_CONFIRMED_V1>>) {
    const d = e.data;
    const r = this.t.registration;
    return manager.query(
      `WITH session AS (${this.placeholderFrom(6)}),
            participant AS (${this.participantUpsert(15, true)})
       INSERT INTO ${r} (tenant_id, registration_id, session_id, participant_id, status, via, confirmed_at)
       SELECT $1::uuid, $3::uuid, $2::uuid, participant.participant_id, 'confirmed', $4::text, $5::timestamptz FROM participant
       ON CONFLICT (tenant_id, registration_id) DO UPDATE SET status = 'confirmed', via = EXCLUDED.via,
         confirmed_at = COALESCE(${r}.confirmed_at, EXCLUDED.confirmed_at)`,
      [
        e.tenantId,
        d.sessionId,
        d.registrationId,
        d.via,
        e.occurredAt,
        ...this.placeholderValues(d.session),
        participantKey(d.participantId),
        d.participantId,
        d.profession,
        d.practiceMode,
        d.department,
        e.occurredAt,
      ],
    );
  }

  private registrationWaitlisted(manager: EntityManager, e: EventEnvelope<EventData<typeof REGISTRATION_WAITLISTED_V1>>) {
    return this.insertRegistration(manager, e.tenantId, e.data, 'waitlisted', e.occurredAt, e.data.session);
  }

  /** First event of a registration that carries no profile (or a fallback when a status change finds no row). */
  private insertRegistration(
    manager: EntityManager,
    tenantId: string,
    d: StatusChange,
    status: 'waitlisted' | 'confirmed',
    at: string,
    snapshot?: Snapshot,
  ) {
    const r = this.t.registration;
    return manager.query(
      `WITH session AS (${this.placeholderFrom(5)}),
            participant AS (${this.participantUpsert(14, false)})
       INSERT INTO ${r} (tenant_id, registration_id, session_id, participant_id, status, waitlisted_at)
       SELECT $1::uuid, $3::uuid, $2::uuid, participant.participant_id, $4::text, CASE WHEN $4::text = 'waitlisted' THEN $20::timestamptz END FROM participant
       ON CONFLICT (tenant_id, registration_id) DO UPDATE SET
         waitlisted_at = COALESCE(${r}.waitlisted_at, EXCLUDED.waitlisted_at)`,
      [
        tenantId,
        d.sessionId,
        d.registrationId,
        status,
        ...this.placeholderValues(snapshot),
        participantKey(d.participantId),
        d.participantId,
        null,
        null,
        null,
        null,
        at,
      ],
    );
  }

  /**
   * A later event of a registration: its row exists (events of one session are in order), so
   * one UPDATE. Should it not (events lost upstream), the row is created first.
   */
  private async changeStatus(
    manager: EntityManager,
    e: EventEnvelope<StatusChange>,
    set: string,
    values: unknown[],
    snapshot?: Snapshot,
  ): Promise<void> {
    const update = () =>
      manager.query(`UPDATE ${this.t.registration} SET ${set} WHERE tenant_id = $1 AND registration_id = $2`, [
        e.tenantId,
        e.data.registrationId,
        ...values,
      ]) as Promise<[unknown[], number]>;
    const [, updated] = await update();
    if (updated > 0) return;
    await this.insertRegistration(manager, e.tenantId, e.data, 'confirmed', e.occurredAt, snapshot);
    await update();
  }

  private feedbackSubmitted(manager: EntityManager, e: EventEnvelope<EventData<typeof FEEDBACK_SUBMITTED_V1>>) {
    const d = e.data;
    // A comment is kept only when it may be quoted: nothing else reads it.
    return manager.query(
      `INSERT INTO ${this.t.feedback} (tenant_id, feedback_id, session_id, activity_id, rating, quote, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [e.tenantId, d.feedbackId, d.sessionId, d.activityId, d.rating, d.quoteConsent ? d.comment : null, e.occurredAt],
    );
  }

  /**
   * The participant id is replaced by a random stand-in everywhere: counts of unique and
   * returning participants and the profile breakdowns stay as they were, but nothing in
   * reporting can be joined with the id any more.
   */
  private async participantErased(manager: EntityManager, e: EventEnvelope<EventData<typeof PARTICIPANT_ERASED_V1>>) {
    const p = this.t.participant;
    const [row]: { participant_id: string }[] = await manager.query(
      `INSERT INTO ${p} (tenant_id, participant_key, participant_id, erased_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, participant_key) DO UPDATE SET
         participant_id = CASE WHEN ${p}.erased_at IS NULL THEN EXCLUDED.participant_id ELSE ${p}.participant_id END,
         erased_at = COALESCE(${p}.erased_at, EXCLUDED.erased_at)
       RETURNING participant_id`,
      [e.tenantId, participantKey(e.data.participantId), uuidv7(), e.occurredAt],
    );
    await manager.query(
      `UPDATE ${this.t.registration} SET participant_id = $3 WHERE tenant_id = $1 AND participant_id = $2`,
      [e.tenantId, e.data.participantId, row.participant_id],
    );
  }

  /** Keeps a delivery's latest outcome, by attempt number (its events are keyed by registration). */
  private delivery(
    manager: EntityManager,
    tenantId: string,
    d: { deliveryId: string; template: string; channel: string; attempts: number },
    outcome: 'sent' | 'retrying' | 'failed',
    at: string,
  ) {
    const t = this.t.delivery;
    return manager.query(
      `INSERT INTO ${t} (tenant_id, delivery_id, template, channel, outcome, attempts, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, delivery_id) DO UPDATE SET outcome = EXCLUDED.outcome, attempts = EXCLUDED.attempts,
         occurred_at = EXCLUDED.occurred_at
       WHERE ${t}.attempts < EXCLUDED.attempts OR (${t}.attempts = EXCLUDED.attempts AND EXCLUDED.outcome = 'sent')`,
      [tenantId, d.deliveryId, d.template, d.channel, outcome, d.attempts, at],
    );
  }
}
