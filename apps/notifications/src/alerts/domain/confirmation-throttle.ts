/** `pending` until the mailed link is followed (double opt-in). */
export type AlertStatus = 'pending' | 'confirmed' | 'unsubscribed';

/** How long a confirmation mail stands before the same address and category can get another. */
export const CONFIRMATION_RESEND_AFTER_MS = 24 * 3_600_000;

/**
 * Confirmation mails one address can receive from one CPTS within that window, whatever the
 * categories asked for: the category is typed by the requester, so without this cap varying it
 * would mail an address without end.
 */
export const CONFIRMATIONS_PER_ADDRESS = 3;

/** What the service already holds for the address: each of its alerts in the CPTS. */
export interface AddressAlert {
  category: string;
  status: AlertStatus;
  confirmationSentAt: Date | null;
}

/**
 * Whether a request for `category` mails a confirmation. Anybody can type anybody's address, so
 * a request is never a reason on its own to mail: a confirmed alert needs no confirmation, a
 * pending one already got its mail within the window, and an address is mailed at most
 * CONFIRMATIONS_PER_ADDRESS times per window. The person asking is answered the same either way.
 * An unsubscribed alert asked for again is mailed (only its owner could have unsubscribed it),
 * within the address cap.
 */
export function shouldMailConfirmation(
  address: readonly AddressAlert[],
  category: string,
  now: Date,
): boolean {
  const since = now.getTime() - CONFIRMATION_RESEND_AFTER_MS;
  const recent = (alert: AddressAlert) =>
    alert.confirmationSentAt !== null && alert.confirmationSentAt.getTime() > since;
  const same = address.find((alert) => alert.category === category);
  if (same?.status === 'confirmed') return false;
  if (same?.status === 'pending' && recent(same)) return false;
  return address.filter(recent).length < CONFIRMATIONS_PER_ADDRESS;
}
