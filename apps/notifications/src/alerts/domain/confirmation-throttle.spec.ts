import { AddressAlert, CONFIRMATION_RESEND_AFTER_MS, shouldMailConfirmation } from './confirmation-throttle';

const now = new Date('2026-12-01T09:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const HOUR = 3_600_000;
const alert = (category: string, status: AddressAlert['status'], sentAt: Date | null): AddressAlert => ({
  category,
  status,
  confirmationSentAt: sentAt,
});

describe('shouldMailConfirmation', () => {
  it('mails the first request of an address', () => {
    expect(shouldMailConfirmation([], 'Yoga', now)).toBe(true);
  });

  it('does not mail a pending request again within 24 hours, and does after', () => {
    expect(shouldMailConfirmation([alert('Yoga', 'pending', ago(23 * HOUR))], 'Yoga', now)).toBe(false);
    expect(
      shouldMailConfirmation([alert('Yoga', 'pending', ago(CONFIRMATION_RESEND_AFTER_MS))], 'Yoga', now),
    ).toBe(true);
    // A pending alert from before the throttle existed has no mail recorded: it may be mailed.
    expect(shouldMailConfirmation([alert('Yoga', 'pending', null)], 'Yoga', now)).toBe(true);
  });

  it('never mails a confirmed alert, however old its confirmation mail', () => {
    expect(shouldMailConfirmation([alert('Yoga', 'confirmed', ago(400 * HOUR))], 'Yoga', now)).toBe(false);
  });

  it('mails an unsubscribed alert asked for again', () => {
    expect(shouldMailConfirmation([alert('Yoga', 'unsubscribed', ago(HOUR))], 'Yoga', now)).toBe(true);
  });

  it('mails one address at most three times a day whatever categories are typed', () => {
    const three = [
      alert('a', 'pending', ago(HOUR)),
      alert('b', 'pending', ago(2 * HOUR)),
      alert('c', 'confirmed', ago(3 * HOUR)),
    ];
    expect(shouldMailConfirmation(three.slice(0, 2), 'd', now)).toBe(true);
    expect(shouldMailConfirmation(three, 'd', now)).toBe(false);
    expect(shouldMailConfirmation(three, 'e', new Date(now.getTime() + 22 * HOUR))).toBe(true);
  });
});
