import { feedbackClosesAt, linkExpiresAt } from './link-expiry';

describe('when participant links expire', () => {
  const session = { startsAt: new Date('2026-03-12T17:30:00Z'), endsAt: new Date('2026-03-12T18:30:00Z') };

  it('keeps a cancel link past the session start only by the reschedule allowance (cancelling itself closes at the start)', () => {
    expect(linkExpiresAt('cancel', session)).toEqual(new Date('2026-06-10T17:30:00Z'));
  });

  it('ends an offer’s accept and decline links with the offer', () => {
    const offerExpiresAt = new Date('2026-03-11T09:00:00Z');

    expect(linkExpiresAt('accept', { ...session, offerExpiresAt })).toEqual(offerExpiresAt);
    expect(linkExpiresAt('decline', { ...session, offerExpiresAt })).toEqual(offerExpiresAt);
  });

  it('takes feedback for four weeks after the session ends', () => {
    expect(linkExpiresAt('feedback', session)).toEqual(new Date('2026-04-09T18:30:00Z'));
    expect(feedbackClosesAt(session.endsAt)).toEqual(linkExpiresAt('feedback', session));
  });
});
