import { DateTime } from 'luxon';
import { escapeText, formatUtc, joinLines, paramValue, vtimezoneLines } from '@respire/platform';
import { PublicSession } from '../../upstream/catalog.client';
import { registrationUrl } from './programme-view';

/** What a confidential activity is called in the feed: the programme is public, who goes is not. */
export const CONFIDENTIAL_TITLE = 'Atelier (confidentiel)';

export interface ProgrammeCalendarInput {
  tenant: { slug: string; name: string; timezone: string };
  /** Published, completed and cancelled sessions (catalog's `cancelled=include`). */
  sessions: readonly PublicSession[];
  /** The origin people open (PUBLIC_BASE_URL), for the links in each event. */
  origin: string;
  /** When the feed is written (DTSTAMP). */
  now: Date;
}

/** How often a subscribed calendar should read the feed again (RFC 7986 REFRESH-INTERVAL). */
const REFRESH = 'PT1H';

/**
 * A CPTS's programme as an iCalendar feed (RFC 5545, METHOD:PUBLISH) people subscribe to. Each
 * session is one VEVENT whose UID never changes, so a calendar that reads the feed again replaces
 * the event when the session moves (SEQUENCE is catalog's move counter) and shows it cancelled
 * (STATUS:CANCELLED, one more SEQUENCE) when it is. Times are local with their VTIMEZONE, so
 * 18h30 in Besançon stays 18h30 across daylight saving. A confidential activity is named
 * neutrally, without its objective. Events are TRANSPARENT: a programme is not the reader's
 * commitment and must not mark them busy.
 */
export function programmeCalendar(input: ProgrammeCalendarInput): string {
  const { tenant, origin } = input;
  const sessions = [...input.sessions].sort(
    (a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id),
  );
  const zones = [...new Set([tenant.timezone, ...sessions.map((s) => s.timezone)])];
  const first = sessions.length ? new Date(sessions[0].startsAt) : input.now;
  const last = sessions.length ? new Date(sessions[sessions.length - 1].endsAt) : input.now;
  const name = `Ateliers – ${tenant.name}`;
  return joinLines([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Respire//Programme//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${escapeText(name)}`,
    `X-WR-CALNAME:${escapeText(name)}`,
    `X-WR-TIMEZONE:${tenant.timezone}`,
    `REFRESH-INTERVAL;VALUE=DURATION:${REFRESH}`,
    `X-PUBLISHED-TTL:${REFRESH}`,
    `SOURCE;VALUE=URI:${origin}/${tenant.slug}/programme.ics`,
    ...zones.flatMap((zone) => vtimezoneLines(zone, first, last)),
    ...sessions.flatMap((session) => sessionEvent(session, tenant.slug, origin, input.now)),
    'END:VCALENDAR',
  ]);
}

/** The stable UID of a session in every CPTS's feed. */
export function sessionUid(sessionId: string): string {
  return `session-${sessionId}@respire`;
}

function sessionEvent(session: PublicSession, slug: string, origin: string, now: Date): string[] {
  const confidential = session.activity.confidential;
  const cancelled = session.status === 'cancelled';
  const local = (instant: string) =>
    DateTime.fromISO(instant, { zone: session.timezone }).toFormat("yyyyMMdd'T'HHmmss");
  const title = confidential ? CONFIDENTIAL_TITLE : session.activity.title;
  const url = session.registrationOpen
    ? `${origin}${registrationUrl(slug, session.activity.id, session.id)}`
    : `${origin}/${slug}`;
  const description = [
    cancelled ? 'Séance annulée.' : null,
    confidential ? null : session.activity.objective,
    session.registrationOpen ? `Inscription : ${url}` : `Programme : ${url}`,
  ].filter(Boolean);
  const location = [session.venue.name, session.venue.address].filter(Boolean).join(', ');
  return [
    'BEGIN:VEVENT',
    `UID:${sessionUid(session.id)}`,
    // A cancellation is one more revision of the event than its last move.
    `SEQUENCE:${session.sequence + (cancelled ? 1 : 0)}`,
    `DTSTAMP:${formatUtc(now)}`,
    `DTSTART;TZID=${paramValue(session.timezone)}:${local(session.startsAt)}`,
    `DTEND;TZID=${paramValue(session.timezone)}:${local(session.endsAt)}`,
    `SUMMARY:${escapeText(cancelled ? `Annulé : ${title}` : title)}`,
    ...(location ? [`LOCATION:${escapeText(location)}`] : []),
    `DESCRIPTION:${escapeText(description.join('\n\n'))}`,
    ...(confidential ? [] : [`CATEGORIES:${escapeText(session.activity.category)}`]),
    `URL;VALUE=URI:${url}`,
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'CLASS:PUBLIC',
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}
