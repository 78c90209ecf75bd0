import { placesLeft, SEAT_EFFECTS } from './seat-holds';

describe('seats held', () => {
  it('are held by confirmed and offered registrations, kept through attendance, given back otherwise', () => {
    const holding = Object.entries(SEAT_EFFECTS)
      .filter(([, effect]) => effect.holdsSeat)
      .map(([type]) => type);
    expect(holding.sort()).toEqual([
      'registration.attended',
      'registration.confirmed',
      'registration.no-show',
      'registration.offer-accepted',
      'registration.offered',
    ]);
  });

  it('leave no negative places when the capacity was lowered under them', () => {
    expect(placesLeft(10, 4)).toBe(6);
    expect(placesLeft(3, 5)).toBe(0);
  });
});
