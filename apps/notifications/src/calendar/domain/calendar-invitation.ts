import { DateTime } from 'luxon';
import { escapeText, formatUtc, joinLines, paramValue, vtimezoneLines } from '@respire/platform';

/** What a participant's calendar invitation says. One event per registration: only them as attendee. */
export interface CalendarInvitation {
  method: 'REQUEST' | 'CANCEL';
  /** Stable for the registration: updates and cancellation replace the same calendar entry. */
  uid: string;
  /** The session's reschedule counter (a cancellation adds one). */
  sequence: number;
  /** When this version of the invitation was made. */
  stamp: Date;
  start: Date;
  end: Date;
  /** IANA zone the times are written in (TZID + VTIMEZONE). */
  timezone: string;
  summary: string;
  location: string | null;
  description: string | null;
  organizer: { name: string; email: string };
  attendee: { name: string | null; email: string };
  /** Sensitive participation: CLASS:PRIVATE (the summary is already neutral). */
  confidential: boolean;
}

const PRODUCT_ID = '-//Respire//Notifications//FR';

const CACHED_ZONES = 512;
const zoneLines = new Map<string, readonly string[]>();

/**
 * vtimezoneLines scans two years of the zone day by day: about 700 zone lookups, tens of
 * milliseconds of CPU — measured as the largest cost of a confirmation. Its lines depend only on
 * the zone and the session's times, which every invitation to one session shares: computed once
 * per (zone, start, end), kept for the most recent sessions.
 */
function timezoneLinesOf(zone: string, start: Date, end: Date): readonly string[] {
  const key = `${zone}|${start.getTime()}|${end.getTime()}`;
  let lines = zoneLines.get(key);
  if (!lines) {
    lines = vtimezoneLines(zone, start, end);
    if (zoneLines.size >= CACHED_ZONES) zoneLines.delete(zoneLines.keys().next().value!);
    zoneLines.set(key, lines);
  }
  return lines;
}

/** Writes the invitation as an RFC 5545 / RFC 5546 (iTIP) iCalendar object. */
export function writeInvitation(invitation: CalendarInvitation): string {
  const { timezone } = invitation;
  const local = (instant: Date) =>
    DateTime.fromJSDate(instant, { zone: timezone }).toFormat("yyyyMMdd'T'HHmmss");
  const cancelled = invitation.method === 'CANCEL';
  const attendeeParams = [
    'CUTYPE=INDIVIDUAL',
    'ROLE=REQ-PARTICIPANT',
    `PARTSTAT=${cancelled ? 'DECLINED' : 'ACCEPTED'}`,
    'RSVP=FALSE',
    ...(invitation.attendee.name ? [`CN=${paramValue(invitation.attendee.name)}`] : []),
  ];
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODUCT_ID}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${invitation.method}`,
    ...timezoneLinesOf(timezone, invitation.start, invitation.end),
    'BEGIN:VEVENT',
    `UID:${invitation.uid}`,
    `SEQUENCE:${invitation.sequence}`,
    `DTSTAMP:${formatUtc(invitation.stamp)}`,
    `DTSTART;TZID=${paramValue(timezone)}:${local(invitation.start)}`,
    `DTEND;TZID=${paramValue(timezone)}:${local(invitation.end)}`,
    `SUMMARY:${escapeText(invitation.summary)}`,
    ...(invitation.location ? [`LOCATION:${escapeText(invitation.location)}`] : []),
    ...(invitation.description ? [`DESCRIPTION:${escapeText(invitation.description)}`] : []),
    `ORGANIZER;CN=${paramValue(invitation.organizer.name)}:mailto:${invitation.organizer.email}`,
    `ATTENDEE;${attendeeParams.join(';')}:mailto:${invitation.attendee.email}`,
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    `CLASS:${invitation.confidential ? 'PRIVATE' : 'PUBLIC'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return joinLines(lines);
}
