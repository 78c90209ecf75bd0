import { createHmac, timingSafeEqual } from 'node:crypto';

export interface PreferenceSubject {
  tenantId: string;
  participantId: string;
}

export type PreferenceTokenCheck =
  | { status: 'valid'; subject: PreferenceSubject }
  | { status: 'expired' }
  | { status: 'invalid' };

const VERSION = 'p2';
const LEGACY_VERSION = 'p1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A preferences link works for a year after the message that carries it: it only turns reminders
 * and feedback requests off or on, and an unsubscribe link (RFC 8058) must keep working while the
 * message is plausibly read — but not for ever.
 */
export const PREFERENCE_LINK_DAYS = 365;

/** Links mailed before they expired (version p1) work until then, about a year after the change. */
export const LEGACY_PREFERENCE_LINKS_UNTIL = new Date('2027-12-31T23:00:00Z');

/**
 * The token of a participant's preferences link: who (tenant, participant), until when, and an
 * HMAC-SHA256 over it.
 */
export function signPreferenceToken(subject: PreferenceSubject, secret: string, expiresAt: Date): string {
  const seconds = Math.ceil(expiresAt.getTime() / 1000);
  const body = Buffer.from(`${VERSION}.${subject.tenantId}.${subject.participantId}.${seconds}`).toString('base64url');
  return `${body}.${mac(body, secret)}`;
}

export function verifyPreferenceToken(token: string, secret: string, now: Date): PreferenceTokenCheck {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return { status: 'invalid' };
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { status: 'invalid' };
  const [version, tenantId, participantId, expiry, rest] = Buffer.from(body, 'base64url').toString('utf8').split('.');
  if (!UUID.test(tenantId ?? '') || !UUID.test(participantId ?? '') || rest !== undefined) return { status: 'invalid' };
  let expiresAt: Date;
  if (version === VERSION && /^\d+$/.test(expiry ?? '')) expiresAt = new Date(Number(expiry) * 1000);
  else if (version === LEGACY_VERSION && expiry === undefined) expiresAt = LEGACY_PREFERENCE_LINKS_UNTIL;
  else return { status: 'invalid' };
  if (expiresAt.getTime() < now.getTime()) return { status: 'expired' };
  return { status: 'valid', subject: { tenantId, participantId } };
}

function mac(body: string, secret: string): string {
  return createHmac('sha256', secret).update(`respire-preferences:${body}`).digest('base64url');
}
