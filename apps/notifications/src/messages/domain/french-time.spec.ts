import { clockTime, howSoon, longDate, shortDate } from './french-time';

describe('French local times', () => {
  it('writes a winter and a summer session at their Paris wall-clock time', () => {
    expect(longDate('2026-01-22T17:30:00Z', 'Europe/Paris')).toBe('jeudi 22 janvier 2026');
    expect(clockTime('2026-01-22T17:30:00Z', 'Europe/Paris')).toBe('18h30');
    expect(clockTime('2026-06-18T16:30:00Z', 'Europe/Paris')).toBe('18h30');
    expect(shortDate('2026-03-12T18:30:00Z', 'Europe/Paris')).toBe('12/03');
  });

  it('says how soon a reminder is', () => {
    expect(howSoon(2880)).toBe('dans 2 jours');
    expect(howSoon(1440)).toBe('demain');
    expect(howSoon(180)).toBe('dans 3 heures');
    expect(howSoon(60)).toBe('dans une heure');
    expect(howSoon(45)).toBe('dans 45 minutes');
  });
});
