/** At most this many "my registrations" links mailed to one address per window. */
export const ACCESS_LINKS_PER_WINDOW = 3;
export const ACCESS_LINK_WINDOW_MS = 3600_000;

/** What is stored per participant: when the current window opened and how many links went out in it. */
export interface AccessLinkWindow {
  startedAt: Date | null;
  sent: number;
}

/**
 * Whether one more "my registrations" link may be mailed to an address, and the window after it.
 * Anyone can type anyone's address into the public form, so without a bound a stranger could
 * fill a participant's mailbox: a fixed window per address (three links an hour; the
 * rate limit per client cannot see a request spread over many clients). The public answer is the
 * same whether a link went out or not.
 */
export function nextAccessLink(
  window: AccessLinkWindow,
  now: Date,
): { send: boolean; window: AccessLinkWindow } {
  const open =
    window.startedAt !== null && now.getTime() - window.startedAt.getTime() < ACCESS_LINK_WINDOW_MS;
  if (!open) return { send: true, window: { startedAt: now, sent: 1 } };
  if (window.sent >= ACCESS_LINKS_PER_WINDOW) return { send: false, window };
  return { send: true, window: { startedAt: window.startedAt, sent: window.sent + 1 } };
}
