import { DateTime } from 'luxon';
import { BESANCON_2026, DEMO_TENANTS, sameWeekdayNextYear } from './seed-demo';

const weekday = (date: string) => DateTime.fromISO(date).weekday;

describe('demo programme', () => {
  it('moves a date one year on to the same weekday of the same week of the month', () => {
    expect(sameWeekdayNextYear('2026-01-22')).toBe('2027-01-28'); // 4th Thursday
    expect(sameWeekdayNextYear('2026-04-06')).toBe('2027-04-05'); // 1st Monday
    expect(sameWeekdayNextYear('2026-07-07')).toBe('2027-07-06'); // 1st Tuesday
  });

  it('falls back to the last such weekday when the next year has no fifth one', () => {
    expect(sameWeekdayNextYear('2026-04-30')).toBe('2027-04-29'); // 5th Thursday of April 2026, none in 2027
  });

  it('keeps the 2027 edition of Besançon on the same weekdays, months and times as 2026, without a date twice', () => {
    const [edition2026, edition2027] = DEMO_TENANTS[0].programmes;
    expect(edition2026.activities).toBe(BESANCON_2026);
    edition2026.activities.forEach((activity, i) => {
      const next = edition2027.activities[i];
      expect(next).toMatchObject({
        title: activity.title,
        start: activity.start,
        end: activity.end,
        venue: activity.venue,
      });
      activity.dates.forEach((date, j) => {
        expect(next.dates[j].slice(0, 4)).toBe('2027');
        expect(next.dates[j].slice(5, 7)).toBe(date.slice(5, 7));
        expect(weekday(next.dates[j])).toBe(weekday(date));
      });
      expect(new Set(next.dates).size).toBe(next.dates.length);
    });
  });

  it('transcribes the 35 sessions of "L\'instant des soignants" 2026', () => {
    expect(BESANCON_2026.map((a) => [a.title, a.dates.length])).toEqual([
      ['Cardio boxing', 6],
      ['Pilates & respiration', 5],
      ['Danse fitness', 5],
      ['Stretching', 5],
      ['Analyse de la Pratique Professionnelle', 8],
      ['Gestion des Émotions', 6],
    ]);
  });
});
