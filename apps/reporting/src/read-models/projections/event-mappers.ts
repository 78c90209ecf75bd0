import { DateTime } from 'luxon';
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
  TENANT_CREATED_V1,
  TENANT_SETTINGS_CHANGED_V1,
} from '@respire/contracts';
import { ProjectionBatch, RegistrationChange } from './projection-batch';
import {
  LocalDay,
  placeholderSession,
  Profile,
  RegistrationRow,
  Schedule,
  SessionRow,
  withSchedule,
} from './read-model-rows';

const FALLBACK_ZONE = 'Europe/Paris';

/** Local calendar date and month of an instant in a session's time zone. */
export function localDay(instant: string, timezone: string): LocalDay {
  const key = `${instant} ${timezone}`;
  const known = recentDays.get(key);
  if (known) return known;
  let local = DateTime.fromISO(instant, { zone: timezone });
  if (!local.isValid) local = DateTime.fromISO(instant, { zone: FALLBACK_ZONE });
  const day = { date: local.toISODate()!, month: local.toFormat('yyyy-MM') };
  if (recentDays.size >= 10_000) recentDays.clear();
  recentDays.set(key, day);
  return day;
}

/** Time-zone arithmetic is the projection's costliest step, and a session's events repeat its start. */
const recentDays = new Map<string, LocalDay>();

/** How one kind of event changes the read models: it records its changes in the batch. */
export interface EventMapper {
  readonly definition: EventDefinition;
  map(event: EventEnvelope, batch: ProjectionBatch): void;
}

function on<D extends EventDefinition>(
  definition: D,
  map: (event: EventEnvelope<EventData<D>>, batch: ProjectionBatch) => void,
): EventMapper {
  return { definition, map: map as EventMapper['map'] };
}

interface ScheduleData {
  startsAt: string;
  endsAt: string;
  timezone: string;
  venue: { id: string };
  sequence: number;
}

function schedule(d: ScheduleData): Schedule {
  return {
    startsAt: d.startsAt,
    endsAt: d.endsAt,
    timezone: d.timezone,
    day: localDay(d.startsAt, d.timezone),
    venueId: d.venue.id,
    sequence: d.sequence,
  };
}

/** The session snapshot registration events carry (libs/contracts fragments). */
type Snapshot = ScheduleData & { title: string; confidential: boolean };

/** A registration's later event: it sets some columns; a missing row (events lost upstream) is created confirmed first. */
function registrationEvent(
  e: EventEnvelope<{ registrationId: string; sessionId: string; participantId: string; session?: Snapshot }>,
  batch: ProjectionBatch,
  apply: (row: RegistrationRow) => RegistrationRow,
  first: Partial<Pick<RegistrationChange, 'creates' | 'touchesParticipant' | 'profile'>> = {},
): void {
  const d = e.data;
  batch.registration(d.registrationId, {
    sessionId: d.sessionId,
    participantId: d.participantId,
    creates: first.creates ?? 'confirmed',
    placeholder: () =>
      d.session
        ? placeholderSession(d.sessionId, {
            ...schedule(d.session),
            title: d.session.title,
            confidential: d.session.confidential,
          })
        : null,
    touchesParticipant: first.touchesParticipant ?? false,
    profile: first.profile ?? null,
    apply,
  });
}

/** Catalog's session.published: the catalog's version wins, except times a newer reschedule already gave a placeholder. */
function published(row: SessionRow, d: EventData<typeof SESSION_PUBLISHED_V1>, at: string): SessionRow {
  const keepSchedule = row.status === 'placeholder' && row.sequence !== null && row.sequence > d.sequence;
  const scheduled = keepSchedule ? row : withSchedule(row, schedule(d));
  return {
    ...scheduled,
    status: row.status === 'cancelled' || row.status === 'completed' ? row.status : 'published',
    activityId: d.activityId,
    programmeId: d.programmeId,
    title: d.title,
    category: d.category,
    confidential: d.confidential,
    capacity: d.capacity,
    publishedAt: at,
    sequence: Math.max(row.sequence ?? d.sequence, d.sequence),
  };
}

/** A reschedule applies if it is newer than what the row holds (sequence). */
function rescheduled(row: SessionRow, d: EventData<typeof SESSION_RESCHEDULED_V1>): SessionRow {
  if (row.sequence !== null && row.sequence >= d.sequence) return row;
  return { ...withSchedule(row, schedule(d)), sequence: d.sequence };
}

function profileOf(d: EventData<typeof REGISTRATION_CONFIRMED_V1>, at: string): Profile {
  return { profession: d.profession, practiceMode: d.practiceMode, department: d.department, at };
}

/** One mapper per event kind the read models follow. */
export const EVENT_MAPPERS: readonly EventMapper[] = [
  on(TENANT_CREATED_V1, (e, b) =>
    b.tenant({ tenantId: e.tenantId, slug: e.data.slug, name: e.data.name, timezone: e.data.timezone }),
  ),
  on(TENANT_SETTINGS_CHANGED_V1, (e, b) =>
    b.tenant({ tenantId: e.tenantId, slug: null, name: e.data.name, timezone: e.data.timezone }),
  ),
  ...[PROGRAMME_CREATED_V1, PROGRAMME_UPDATED_V1].map((definition) =>
    on(definition, (e, b) => {
      const d = e.data as EventData<typeof PROGRAMME_CREATED_V1>;
      b.programmes.set(d.programmeId, {
        programmeId: d.programmeId,
        title: d.title,
        startsOn: d.startsOn,
        endsOn: d.endsOn,
        funder: d.funder,
        partners: d.partners,
      });
    }),
  ),
  ...[ACTIVITY_CREATED_V1, ACTIVITY_UPDATED_V1].map((definition) =>
    on(definition, (e, b) => {
      const d = e.data as EventData<typeof ACTIVITY_CREATED_V1>;
      b.activities.set(d.activityId, {
        activityId: d.activityId,
        programmeId: d.programmeId,
        title: d.title,
        category: d.category,
        confidential: d.confidential,
        individual: d.individual ?? false,
      });
    }),
  ),
  on(SESSION_PUBLISHED_V1, (e, b) => {
    b.venue({ venueId: e.data.venue.id, name: e.data.venue.name, seenAt: e.occurredAt });
    b.session(e.data.sessionId, (row) => published(row, e.data, e.occurredAt));
  }),
  on(SESSION_RESCHEDULED_V1, (e, b) => {
    b.venue({ venueId: e.data.venue.id, name: e.data.venue.name, seenAt: e.occurredAt });
    b.session(e.data.sessionId, (row) => rescheduled(row, e.data));
  }),
  on(SESSION_CAPACITY_CHANGED_V1, (e, b) =>
    b.session(e.data.sessionId, (row) => ({ ...row, capacity: e.data.capacity })),
  ),
  on(SESSION_CANCELLED_V1, (e, b) =>
    b.session(e.data.sessionId, (row) => ({ ...row, status: 'cancelled', cancelledAt: e.occurredAt })),
  ),
  on(SESSION_COMPLETED_V1, (e, b) =>
    b.session(e.data.sessionId, (row) => ({
      ...row,
      status: row.status === 'cancelled' ? row.status : 'completed',
    })),
  ),
  on(REGISTRATION_CONFIRMED_V1, (e, b) =>
    registrationEvent(
      e,
      b,
      (row) => ({
        ...row,
        status: 'confirmed',
        via: e.data.via,
        confirmedAt: row.confirmedAt ?? e.occurredAt,
      }),
      {
        touchesParticipant: true,
        profile: profileOf(e.data, e.occurredAt),
      },
    ),
  ),
  on(REGISTRATION_WAITLISTED_V1, (e, b) =>
    registrationEvent(e, b, (row) => ({ ...row, waitlistedAt: row.waitlistedAt ?? e.occurredAt }), {
      creates: 'waitlisted',
      touchesParticipant: true,
    }),
  ),
  on(REGISTRATION_OFFERED_V1, (e, b) =>
    registrationEvent(e, b, (row) => ({
      ...row,
      status: 'offered',
      offeredAt: row.offeredAt ?? e.occurredAt,
    })),
  ),
  on(REGISTRATION_OFFER_ACCEPTED_V1, (e, b) =>
    registrationEvent(e, b, (row) => ({ ...row, offerAccepted: true })),
  ),
  on(REGISTRATION_OFFER_DECLINED_V1, (e, b) =>
    registrationEvent(e, b, (row) => ({ ...row, status: 'declined', endedAt: row.endedAt ?? e.occurredAt })),
  ),
  on(REGISTRATION_OFFER_EXPIRED_V1, (e, b) =>
    registrationEvent(e, b, (row) => ({ ...row, status: 'expired', endedAt: row.endedAt ?? e.occurredAt })),
  ),
  on(REGISTRATION_CANCELLED_V1, (e, b) =>
    registrationEvent(e, b, (row) => ({
      ...row,
      status: 'cancelled',
      endedAt: row.endedAt ?? e.occurredAt,
      cancelledBy: e.data.by,
      cancelledFrom: e.data.previousStatus,
      lateCancellation: e.data.lateCancellation,
      minutesBeforeStart: e.data.minutesBeforeStart,
    })),
  ),
  on(REGISTRATION_ATTENDED_V1, (e, b) => registrationEvent(e, b, (row) => ({ ...row, status: 'attended' }))),
  on(REGISTRATION_NO_SHOW_V1, (e, b) => registrationEvent(e, b, (row) => ({ ...row, status: 'no_show' }))),
  on(FEEDBACK_SUBMITTED_V1, (e, b) =>
    b.addFeedback({
      feedbackId: e.data.feedbackId,
      sessionId: e.data.sessionId,
      activityId: e.data.activityId,
      rating: e.data.rating,
      // A comment is kept only when it may be quoted: nothing else reads it.
      quote: e.data.quoteConsent ? e.data.comment : null,
      submittedAt: e.occurredAt,
    }),
  ),
  on(PARTICIPANT_ERASED_V1, (e, b) => b.erase(e.data.participantId, e.occurredAt)),
  on(DELIVERY_SENT_V1, (e, b) =>
    b.delivery({ ...deliveryOf(e.data), outcome: 'sent', occurredAt: e.occurredAt }),
  ),
  on(DELIVERY_FAILED_V1, (e, b) =>
    b.delivery({
      ...deliveryOf(e.data),
      outcome: e.data.permanent ? 'failed' : 'retrying',
      occurredAt: e.occurredAt,
    }),
  ),
];

function deliveryOf(d: { deliveryId: string; template: string; channel: string; attempts: number }) {
  return { deliveryId: d.deliveryId, template: d.template, channel: d.channel, attempts: d.attempts };
}
