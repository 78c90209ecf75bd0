import { isAtRisk } from './at-risk';

const now = new Date('2027-01-15T10:00:00Z');
const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();

describe('isAtRisk', () => {
  it('flags a published session under half full in the coming week', () => {
    expect(isAtRisk({ status: 'published', startsAt: inDays(3), capacity: 12, seatsTaken: 5 }, now)).toBe(
      true,
    );
  });

  it('leaves alone a half-full session, one further away, a draft, and one already started', () => {
    expect(isAtRisk({ status: 'published', startsAt: inDays(3), capacity: 12, seatsTaken: 6 }, now)).toBe(
      false,
    );
    expect(isAtRisk({ status: 'published', startsAt: inDays(8), capacity: 12, seatsTaken: 0 }, now)).toBe(
      false,
    );
    expect(isAtRisk({ status: 'draft', startsAt: inDays(3), capacity: 12, seatsTaken: 0 }, now)).toBe(false);
    expect(isAtRisk({ status: 'published', startsAt: inDays(-0.1), capacity: 12, seatsTaken: 0 }, now)).toBe(
      false,
    );
  });
});
