import { clockTime, longDate, shortDate } from '../../messages/domain/french-time';

export interface Venue {
  id: string;
  name: string;
  address: string | null;
}

export type SessionStatus = 'published' | 'cancelled' | 'completed';

/** This service's copy of a session: what messages and reminders need, nothing more. */
export interface SessionCopy {
  tenantId: string;
  sessionId: string;
  activityId: string | null;
  title: string;
  confidential: boolean;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  venue: Venue;
  facilitatorId: string | null;
  /** Reschedule counter: the .ics SEQUENCE. */
  sequence: number;
  status: SessionStatus;
  /** Price in euro cents (catalog.session.published); 0 = free, and until that event is read. */
  priceCents: number;
}

/** The session as a registration event describes it (contract: sessionSnapshotSchema). */
export interface SessionSnapshot {
  title: string;
  confidential: boolean;
  startsAt: string;
  endsAt: string;
  timezone: string;
  venue: Venue;
  sequence: number;
}

/**
 * Registration events carry the session as the registration service knew it. Contract rule:
 * whoever holds a higher `sequence` keeps its own times. A snapshot with a higher sequence than
 * ours means catalog.session.rescheduled has not reached us yet: take its times (the
 * rescheduled event, when it arrives, still tells the participants who were told the old ones).
 */
export function mergeSnapshot(
  current: SessionCopy | null,
  tenantId: string,
  sessionId: string,
  snapshot: SessionSnapshot,
): { session: SessionCopy; timesChanged: boolean } {
  if (current && current.sequence >= snapshot.sequence) return { session: current, timesChanged: false };
  const times = {
    startsAt: new Date(snapshot.startsAt),
    endsAt: new Date(snapshot.endsAt),
    timezone: snapshot.timezone,
    venue: snapshot.venue,
    sequence: snapshot.sequence,
  };
  if (current) {
    const moved = current.startsAt.getTime() !== times.startsAt.getTime();
    return { session: { ...current, ...times }, timesChanged: moved };
  }
  return {
    session: {
      tenantId,
      sessionId,
      activityId: null,
      title: snapshot.title,
      confidential: snapshot.confidential,
      facilitatorId: null,
      status: 'published',
      priceCents: 0,
      ...times,
    },
    timesChanged: false,
  };
}

/** What templates see of a session. A confidential session's title never reaches a message. */
export interface SessionView {
  title: string;
  date: string;
  shortDate: string;
  startTime: string;
  endTime: string;
  venueName: string;
  venueAddress: string | null;
  confidential: boolean;
}

/** "Atelier du 12/03 à 19h30": what a confidential session is called in subjects, bodies and calendars. */
export function neutralTitle(startsAt: Date, timezone: string): string {
  return `Atelier du ${shortDate(startsAt, timezone)} à ${clockTime(startsAt, timezone)}`;
}

export function sessionView(
  session: Pick<SessionCopy, 'title' | 'confidential' | 'startsAt' | 'endsAt' | 'timezone' | 'venue'>,
): SessionView {
  const { startsAt, endsAt, timezone } = session;
  return {
    title: session.confidential ? neutralTitle(startsAt, timezone) : session.title,
    date: longDate(startsAt, timezone),
    shortDate: shortDate(startsAt, timezone),
    startTime: clockTime(startsAt, timezone),
    endTime: clockTime(endsAt, timezone),
    venueName: session.venue.name,
    venueAddress: session.venue.address,
    confidential: session.confidential,
  };
}
