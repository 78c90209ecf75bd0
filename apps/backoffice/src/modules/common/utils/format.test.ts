import { formatLocalDate, formatTime, plural } from './format';

describe('French formats', () => {
  it('reads times in Paris whatever the browser zone', () => {
    expect(formatTime('2027-01-22T17:30:00Z')).toBe('18h30');
    expect(formatTime('2027-07-22T16:30:00Z')).toBe('18h30');
  });

  it('writes dates as the seeds do, and counts in French', () => {
    expect(formatLocalDate('2027-01-22')).toBe('22/01');
    expect(plural(1, 'personne', 'personnes')).toBe('1 personne');
    expect(plural(12, 'personne', 'personnes')).toBe('12 personnes');
  });
});
