import { canMove, holdsSeat, isActive, REGISTRATION_STATUSES } from './registration-status';

describe('registration statuses', () => {
  it('confirmed and offered registrations hold a seat, and keep it once attendance is taken', () => {
    expect(REGISTRATION_STATUSES.filter(holdsSeat)).toEqual(['confirmed', 'offered', 'attended', 'no_show']);
  });

  it('counts confirmed, waitlisted and offered as the one active registration', () => {
    expect(REGISTRATION_STATUSES.filter(isActive)).toEqual(['confirmed', 'waitlisted', 'offered']);
  });

  it('never brings a finished registration back', () => {
    for (const final of ['cancelled', 'declined', 'expired'] as const) {
      expect(REGISTRATION_STATUSES.some((to) => canMove(final, to))).toBe(false);
    }
    expect(canMove('offered', 'confirmed')).toBe(true);
    expect(canMove('waitlisted', 'attended')).toBe(false);
    expect(canMove('no_show', 'attended')).toBe(true);
  });
});
