import { digestTime } from './digest-plan';

describe('facilitator digest time', () => {
  const startsAt = new Date('2026-03-12T17:30:00Z'); // 18h30 in Paris

  it('is the day before at the given local hour', () => {
    expect(digestTime(startsAt, 'Europe/Paris', 17, new Date('2026-03-01T00:00:00Z'))).toEqual(
      new Date('2026-03-11T16:00:00Z'),
    );
  });

  it('is now for a session planned later than that, and never once it started', () => {
    const now = new Date('2026-03-12T08:00:00Z');
    expect(digestTime(startsAt, 'Europe/Paris', 17, now)).toEqual(now);
    expect(digestTime(startsAt, 'Europe/Paris', 17, startsAt)).toBeNull();
  });
});
