import { clockTime, longDate } from '../../messages/domain/french-time';

/** A newly published session as a digest announces it. */
export interface AnnouncedSession {
  sessionId: string;
  category: string;
  title: string;
  confidential: boolean;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  venueName: string | null;
}

/** A confirmed subscription: one address, one category. */
export interface AlertSubscription {
  alertId: string;
  email: string;
  category: string;
}

export interface DigestLine {
  title: string;
  category: string;
  date: string;
  startTime: string;
  endTime: string;
  venueName: string;
}

export interface PlannedDigest {
  email: string;
  /** The subscription whose unsubscribe link the message carries (it ends all of the address's alerts). */
  alertId: string;
  sessions: DigestLine[];
}

/** How a confidential activity is announced: never by its title, nor where it takes place. */
export const CONFIDENTIAL_TITLE = 'Un nouvel atelier';

/**
 * One digest per address for a batch of sessions: every session of the categories it asked
 * about, in time order, whatever number of categories or sessions; none when nothing matches.
 */
export function planDigests(
  sessions: readonly AnnouncedSession[],
  subscriptions: readonly AlertSubscription[],
): PlannedDigest[] {
  const byEmail = new Map<string, AlertSubscription[]>();
  for (const s of subscriptions) {
    const key = s.email.toLowerCase();
    byEmail.set(key, [...(byEmail.get(key) ?? []), s]);
  }
  const ordered = [...sessions].sort(
    (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.sessionId.localeCompare(b.sessionId),
  );
  const digests: PlannedDigest[] = [];
  for (const subs of byEmail.values()) {
    const categories = new Set(subs.map((s) => s.category));
    const matching = ordered.filter((s) => categories.has(s.category));
    if (matching.length === 0) continue;
    const first = [...subs].sort((a, b) => a.alertId.localeCompare(b.alertId))[0];
    digests.push({ email: first.email, alertId: first.alertId, sessions: matching.map(lineOf) });
  }
  return digests.sort((a, b) => a.email.localeCompare(b.email));
}

function lineOf(s: AnnouncedSession): DigestLine {
  return {
    title: s.confidential ? CONFIDENTIAL_TITLE : s.title,
    category: s.category,
    date: longDate(s.startsAt, s.timezone),
    startTime: clockTime(s.startsAt, s.timezone),
    endTime: clockTime(s.endsAt, s.timezone),
    venueName: s.confidential ? '' : (s.venueName ?? ''),
  };
}
