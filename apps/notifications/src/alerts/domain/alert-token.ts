import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an alert link does: confirm the subscription (double opt-in) or end it. */
export type AlertLinkPurpose = 'confirm' | 'unsubscribe';

export interface AlertLink {
  purpose: AlertLinkPurpose;
  tenantId: string;
  alertId: string;
}

/** A confirmation link works a week; an unsubscribe link a year (as long as a preferences link). */
export const ALERT_LINK_DAYS: Record<AlertLinkPurpose, number> = { confirm: 7, unsubscribe: 365 };

const VERSION = 'a1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function signAlertToken(link: AlertLink, secret: string, now: Date): string {
  const expires = Math.ceil(now.getTime() / 1000) + ALERT_LINK_DAYS[link.purpose] * 86_400;
  const body = Buffer.from(`${VERSION}.${link.purpose}.${link.tenantId}.${link.alertId}.${expires}`).toString(
    'base64url',
  );
  return `${body}.${mac(body, secret)}`;
}

export type AlertTokenCheck =
  { status: 'valid'; link: AlertLink } | { status: 'expired' } | { status: 'invalid' };

/** Checks a token for one purpose: a confirmation link never unsubscribes, nor the reverse. */
export function verifyAlertToken(
  token: unknown,
  purpose: AlertLinkPurpose,
  secret: string,
  now: Date,
): AlertTokenCheck {
  if (typeof token !== 'string' || token.length > 500) return { status: 'invalid' };
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return { status: 'invalid' };
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { status: 'invalid' };
  const [version, kind, tenantId, alertId, expiry, rest] = Buffer.from(body, 'base64url')
    .toString('utf8')
    .split('.');
  if (
    version !== VERSION ||
    kind !== purpose ||
    !UUID.test(tenantId ?? '') ||
    !UUID.test(alertId ?? '') ||
    !/^\d+$/.test(expiry ?? '') ||
    rest !== undefined
  ) {
    return { status: 'invalid' };
  }
  if (Number(expiry) * 1000 < now.getTime()) return { status: 'expired' };
  return { status: 'valid', link: { purpose, tenantId, alertId } };
}

function mac(body: string, secret: string): string {
  return createHmac('sha256', secret).update(`respire-alerts:${body}`).digest('base64url');
}
