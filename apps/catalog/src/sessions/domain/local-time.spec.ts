import { localReading, localToInstant } from './local-time';

const PARIS = 'Europe/Paris';

describe('local times in the tenant zone', () => {
  it('reads 18:30 in Paris as 17:30Z in winter and 16:30Z in summer', () => {
    expect(localToInstant('2026-03-19', '18:30', PARIS)).toEqual({
      ok: true,
      instant: new Date('2026-03-19T17:30:00Z'),
    });
    expect(localToInstant('2026-04-30', '18:30', PARIS)).toEqual({
      ok: true,
      instant: new Date('2026-04-30T16:30:00Z'),
    });
  });

  it('refuses a time skipped when the clocks go forward', () => {
    expect(localToInstant('2026-03-29', '02:30', PARIS)).toEqual({ ok: false, reason: 'nonexistent-time' });
    expect(localToInstant('2026-03-29', '03:00', PARIS)).toEqual({
      ok: true,
      instant: new Date('2026-03-29T01:00:00Z'),
    });
  });

  it('reads a time that happens twice when the clocks go back as its first occurrence (summer time)', () => {
    expect(localToInstant('2026-10-25', '02:30', PARIS)).toEqual({
      ok: true,
      instant: new Date('2026-10-25T00:30:00Z'),
    });
  });

  it('refuses a date that is not in the calendar', () => {
    expect(localToInstant('2026-02-30', '10:00', PARIS)).toEqual({ ok: false, reason: 'invalid-date' });
    expect(localToInstant('2027-02-29', '10:00', PARIS)).toEqual({ ok: false, reason: 'invalid-date' });
  });

  it('uses the zone it is given (a CPTS overseas)', () => {
    expect(localToInstant('2026-03-19', '18:30', 'America/Martinique')).toEqual({
      ok: true,
      instant: new Date('2026-03-19T22:30:00Z'),
    });
  });

  it('reads instants back as the wall clock of the zone', () => {
    expect(localReading(new Date('2026-04-30T16:30:00Z'), new Date('2026-04-30T17:30:00Z'), PARIS)).toEqual({
      localDate: '2026-04-30',
      localStartTime: '18:30',
      localEndTime: '19:30',
    });
  });
});
