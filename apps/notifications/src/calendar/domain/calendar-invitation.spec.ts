import ICAL from 'ical.js';
import { CalendarInvitation, writeInvitation } from './calendar-invitation';
import { foldLine, vtimezoneLines } from '@respire/platform';

const base: CalendarInvitation = {
  method: 'REQUEST',
  uid: 'registration-0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c07@respire',
  sequence: 0,
  stamp: new Date('2026-01-10T08:00:00Z'),
  start: new Date('2026-01-22T17:30:00Z'),
  end: new Date('2026-01-22T18:30:00Z'),
  timezone: 'Europe/Paris',
  summary: 'Pilates & respiration',
  location: 'Association Le Don du Souffle, 2 rue de l’Exemple; 25000 Besançon',
  description: 'Bonjour Claire,\nà bientôt !',
  organizer: { name: 'CPTS CaPaciTéS Besançon & Métropole', email: 'instant@cpts-example.fr' },
  attendee: { name: 'Claire', email: 'claire.martin@example.org' },
  confidential: false,
};

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

describe('calendar invitation (RFC 5545)', () => {
  it('writes each session the zone of its own dates, also when the zone was written for another session before', () => {
    const zoneOf = (ics: string) => ics.slice(ics.indexOf('BEGIN:VTIMEZONE'), ics.indexOf('END:VTIMEZONE'));
    const later = { ...base, start: new Date('2031-07-10T16:00:00Z'), end: new Date('2031-07-10T17:00:00Z') };
    for (const invitation of [base, later, base, later]) {
      expect(zoneOf(writeInvitation(invitation))).toBe(
        vtimezoneLines(invitation.timezone, invitation.start, invitation.end).slice(0, -1).join('\r\n') +
          '\r\n',
      );
    }
  });

  it('is read by ical.js at the right local and universal time', () => {
    const { calendar, event } = parse(writeInvitation(base));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.uid).toBe(base.uid);
    expect(event.sequence).toBe(0);
    expect(event.startDate.zone?.tzid).toBe('Europe/Paris');
    expect([event.startDate.hour, event.startDate.minute]).toEqual([18, 30]);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-01-22T17:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-01-22T18:30:00.000Z');
    expect(event.summary).toBe('Pilates & respiration');
    expect(event.location).toBe(base.location);
    expect(event.description).toBe(base.description);
  });

  it('keeps local time right across daylight saving (summer session)', () => {
    const summer = {
      ...base,
      start: new Date('2026-06-18T16:30:00Z'),
      end: new Date('2026-06-18T17:30:00Z'),
    };
    const { event } = parse(writeInvitation(summer));
    expect([event.startDate.hour, event.startDate.minute]).toEqual([18, 30]);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-06-18T16:30:00.000Z');
  });

  it('works for a zone without daylight saving', () => {
    const reunion = { ...base, timezone: 'Indian/Reunion' };
    const { event } = parse(writeInvitation(reunion));
    expect([event.startDate.hour, event.startDate.minute]).toEqual([21, 30]);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-01-22T17:30:00.000Z');
  });

  it('ends every line with CRLF and folds none longer than 75 octets', () => {
    const ics = writeInvitation({ ...base, description: 'é'.repeat(200) });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(parse(ics).event.description).toBe('é'.repeat(200));
  });

  it('folds without splitting a multi-byte character', () => {
    const folded = foldLine(`DESCRIPTION:${'€'.repeat(40)}`);
    const unfolded = folded.replace(/\r\n /g, '');
    expect(unfolded).toBe(`DESCRIPTION:${'€'.repeat(40)}`);
    expect(folded).not.toContain('\uFFFD');
  });

  it('writes a cancellation with METHOD:CANCEL, STATUS:CANCELLED and the same UID', () => {
    const { calendar, vevent, event } = parse(writeInvitation({ ...base, method: 'CANCEL', sequence: 2 }));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.uid).toBe(base.uid);
    expect(event.sequence).toBe(2);
  });

  it('names only the participant as attendee and marks sensitive sessions private', () => {
    const { vevent } = parse(
      writeInvitation({ ...base, confidential: true, summary: 'Atelier du 22/01 à 18h30' }),
    );
    const attendees = vevent.getAllProperties('attendee').map((p) => p.getFirstValue());
    expect(attendees).toEqual(['mailto:claire.martin@example.org']);
    expect(vevent.getFirstPropertyValue('class')).toBe('PRIVATE');
  });
});
