/**
 * The read-model rows the projection writes, as plain objects (instants and dates as ISO text),
 * and the rules that fold a row's changes in event order. No I/O: the batch writer loads the
 * rows a batch touches, folds its events into them in memory and writes each row once.
 */

export interface TenantRow {
  tenantId: string;
  /** null: keep the slug already known (settings changes do not carry it). */
  slug: string | null;
  name: string;
  timezone: string;
}

export interface ProgrammeRow {
  programmeId: string;
  title: string;
  startsOn: string | null;
  endsOn: string | null;
  funder: string | null;
  partners: string[];
}

export interface ActivityRow {
  activityId: string;
  programmeId: string | null;
  title: string;
  category: string;
  confidential: boolean;
  /** Individual support: reported as the whole activity, never slot by slot. */
  individual: boolean;
}

export interface VenueRow {
  venueId: string;
  name: string;
  seenAt: string;
}

export type SessionStatus = 'placeholder' | 'published' | 'cancelled' | 'completed';

export interface SessionRow {
  sessionId: string;
  status: SessionStatus;
  activityId: string | null;
  programmeId: string | null;
  title: string | null;
  category: string | null;
  confidential: boolean | null;
  startsAt: string | null;
  endsAt: string | null;
  timezone: string | null;
  localDate: string | null;
  localMonth: string | null;
  venueId: string | null;
  capacity: number | null;
  sequence: number | null;
  publishedAt: string | null;
  cancelledAt: string | null;
}

export type RegistrationStatus =
  'confirmed' | 'waitlisted' | 'offered' | 'cancelled' | 'expired' | 'declined' | 'attended' | 'no_show';

export interface RegistrationRow {
  registrationId: string;
  sessionId: string;
  /** The id recorded (a stand-in after an erasure); null until the participant row gave it. */
  participantId: string | null;
  status: RegistrationStatus;
  via: string | null;
  waitlistedAt: string | null;
  offeredAt: string | null;
  offerAccepted: boolean;
  confirmedAt: string | null;
  endedAt: string | null;
  cancelledBy: string | null;
  cancelledFrom: string | null;
  lateCancellation: boolean | null;
  minutesBeforeStart: number | null;
}

export interface Profile {
  profession: string | null;
  practiceMode: string | null;
  department: string | null;
  /** The event's time: the newest profile wins. */
  at: string;
}

export interface FeedbackRow {
  feedbackId: string;
  sessionId: string;
  activityId: string;
  rating: number;
  /** Kept only when its author agreed to anonymous quotation. */
  quote: string | null;
  submittedAt: string;
}

export interface DeliveryRow {
  deliveryId: string;
  template: string;
  channel: string;
  outcome: 'sent' | 'retrying' | 'failed';
  attempts: number;
  occurredAt: string;
}

/** Local calendar day and month of a session, in its time zone. */
export interface LocalDay {
  date: string;
  month: string;
}

/** What a session's schedule says: times, zone, local day, venue and reschedule counter. */
export interface Schedule {
  startsAt: string;
  endsAt: string;
  timezone: string;
  day: LocalDay;
  venueId: string;
  sequence: number;
}

export function emptySession(sessionId: string): SessionRow {
  return {
    sessionId,
    status: 'placeholder',
    activityId: null,
    programmeId: null,
    title: null,
    category: null,
    confidential: null,
    startsAt: null,
    endsAt: null,
    timezone: null,
    localDate: null,
    localMonth: null,
    venueId: null,
    capacity: null,
    sequence: null,
    publishedAt: null,
    cancelledAt: null,
  };
}

export function withSchedule(row: SessionRow, s: Schedule): SessionRow {
  return {
    ...row,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    timezone: s.timezone,
    localDate: s.day.date,
    localMonth: s.day.month,
    venueId: s.venueId,
  };
}

/** A row the catalog's events have not reached yet: what the registration's snapshot says. */
export function placeholderSession(
  sessionId: string,
  snapshot: (Schedule & { title: string; confidential: boolean }) | null,
): SessionRow {
  const row = emptySession(sessionId);
  if (!snapshot) return row;
  return {
    ...withSchedule(row, snapshot),
    title: snapshot.title,
    confidential: snapshot.confidential,
    sequence: snapshot.sequence,
  };
}

export function newRegistration(
  registrationId: string,
  sessionId: string,
  status: 'confirmed' | 'waitlisted',
): RegistrationRow {
  return {
    registrationId,
    sessionId,
    participantId: null,
    status,
    via: null,
    waitlistedAt: null,
    offeredAt: null,
    offerAccepted: false,
    confirmedAt: null,
    endedAt: null,
    cancelledBy: null,
    cancelledFrom: null,
    lateCancellation: null,
    minutesBeforeStart: null,
  };
}

/** The newer of two profiles (the later one on a tie: events are folded in order). */
export function newerProfile(current: Profile | null, next: Profile): Profile {
  return current && current.at > next.at ? current : next;
}

/** A delivery keeps its latest outcome by attempt number; on the same attempt, "sent" wins. */
export function laterDelivery(current: DeliveryRow | undefined, next: DeliveryRow): DeliveryRow {
  if (!current) return next;
  return current.attempts < next.attempts || (current.attempts === next.attempts && next.outcome === 'sent')
    ? next
    : current;
}
