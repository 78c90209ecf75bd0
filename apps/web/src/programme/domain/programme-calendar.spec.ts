import ICAL from 'ical.js';
import { PublicSession } from '../../upstream/catalog.client';
import { publicSession, PublicSessionOverrides } from './public-session.fixture';
import { CONFIDENTIAL_TITLE, programmeCalendar, sessionUid } from './programme-calendar';

function session(id: string, overrides: PublicSessionOverrides = {}): PublicSession {
  return publicSession({ id, activityId: 'a1', ...overrides });
}

const tenant = {
  slug: 'capacites-besancon',
  name: 'CPTS CaPaciTéS Besançon & Métropole',
  timezone: 'Europe/Paris',
};
const now = new Date('2027-01-10T08:00:00Z');

function feed(sessions: PublicSession[]) {
  const ics = programmeCalendar({ tenant, sessions, origin: 'https://respire.example.org', now });
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone'))
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  const events = calendar
    .getAllSubcomponents('vevent')
    .map((vevent) => ({ vevent, event: new ICAL.Event(vevent) }));
  return { ics, calendar, events };
}

describe('the programme calendar feed (RFC 5545)', () => {
  it('is a published calendar named after the CPTS, which ical.js reads', () => {
    const { calendar, events } = feed([
      session('s1'),
      session('s2', { startsAt: '2027-02-04T17:30:00.000Z', endsAt: '2027-02-04T18:30:00.000Z' }),
    ]);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(
      'Ateliers – CPTS CaPaciTéS Besançon & Métropole',
    );
    expect(events.map(({ event }) => event.uid)).toEqual([sessionUid('s1'), sessionUid('s2')]);
    expect(events[0].event.summary).toBe('Cardio boxing');
    expect(events[0].event.location).toBe(
      'Association Le Don du Souffle, 2 rue de l’Exemple, 25000 Besançon',
    );
    expect(events[0].event.description).toContain('Se défouler après la journée');
    expect(events[0].vevent.getFirstPropertyValue('url')).toBe(
      'https://respire.example.org/capacites-besancon/activites/a1/inscription?seance=s1',
    );
    expect(events[0].vevent.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
    expect((events[0].vevent.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate()).toEqual(now);
  });

  it('keeps 18h30 in Besançon at 18h30, winter and summer (Europe/Paris with its VTIMEZONE)', () => {
    const { events } = feed([
      session('winter'),
      session('summer', { startsAt: '2027-06-17T16:30:00.000Z', endsAt: '2027-06-17T17:30:00.000Z' }),
    ]);
    for (const { event } of events) {
      expect(event.startDate.zone?.tzid).toBe('Europe/Paris');
      expect([event.startDate.hour, event.startDate.minute, event.endDate.hour]).toEqual([18, 30, 19]);
    }
    expect(events.map(({ event }) => event.startDate.toJSDate().toISOString())).toEqual([
      '2027-01-28T17:30:00.000Z',
      '2027-06-17T16:30:00.000Z',
    ]);
  });

  it('keeps the UID when a session moves and raises SEQUENCE with each move, so calendars replace the event', () => {
    const before = feed([session('s1')]).events[0].event;
    const after = feed([
      session('s1', {
        startsAt: '2027-01-29T18:00:00.000Z',
        endsAt: '2027-01-29T19:00:00.000Z',
        sequence: 2,
      }),
    ]).events[0].event;
    expect(after.uid).toBe(before.uid);
    expect([before.sequence, after.sequence]).toEqual([0, 2]);
    expect([after.startDate.day, after.startDate.hour]).toEqual([29, 19]);
  });

  it('marks a cancelled session cancelled, one revision later than its last move', () => {
    const { events } = feed([session('s1', { status: 'cancelled', sequence: 1, registrationOpen: false })]);
    expect(events[0].vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(events[0].event.sequence).toBe(2);
    expect(events[0].event.summary).toBe('Annulé : Cardio boxing');
    expect(events[0].event.description).toMatch(/^Séance annulée\./);
    expect(events[0].vevent.getFirstPropertyValue('url')).toBe(
      'https://respire.example.org/capacites-besancon',
    );
  });

  it('names a confidential activity neutrally, with neither its objective nor its category', () => {
    const { ics, events } = feed([
      session('s1', {
        title: 'Gestion des Émotions',
        confidential: true,
        objective: 'Accueillir ses émotions',
      }),
    ]);
    expect(events[0].event.summary).toBe(CONFIDENTIAL_TITLE);
    expect(ics).not.toMatch(/Émotions|motions/);
    expect(events[0].vevent.getFirstProperty('categories')).toBeNull();
  });

  it('ends every line with CRLF, folds long lines at 75 octets, and escapes text', () => {
    const { ics, events } = feed([
      session('s1', { title: 'Pilates; respiration, et détente '.repeat(4).trim() }),
    ]);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(events[0].event.summary).toBe('Pilates; respiration, et détente '.repeat(4).trim());
  });

  it('is still a valid calendar with no session at all', () => {
    const { calendar, events } = feed([]);
    expect(events).toEqual([]);
    expect(calendar.getAllSubcomponents('vtimezone')).toHaveLength(1);
  });
});
