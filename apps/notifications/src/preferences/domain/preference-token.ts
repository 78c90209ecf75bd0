import { createHmac, timingSafeEqual } from 'node:crypto';

export interface PreferenceSubject {
  tenantId: string;
  participantId: string;
}

const VERSION = 'p1';

/**
 * The token of a participant's preferences link: who (tenant, participant) and an HMAC-SHA256
 * over it. It only lets its holder turn reminders and feedback requests off or on, so it does
 * not expire: a link in a message from last year still works.
 */
export function signPreferenceToken(subject: PreferenceSubject, secret: string): string {
  const body = Buffer.from(`${VERSION}.${subject.tenantId}.${subject.participantId}`).toString('base64url');
  return `${body}.${mac(body, secret)}`;
}

export function verifyPreferenceToken(token: string, secret: string): PreferenceSubject | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const [version, tenantId, participantId] = Buffer.from(body, 'base64url').toString('utf8').split('.');
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (version !== VERSION || !uuid.test(tenantId ?? '') || !uuid.test(participantId ?? '')) return null;
  return { tenantId, participantId };
}

function mac(body: string, secret: string): string {
  return createHmac('sha256', secret).update(`respire-preferences:${body}`).digest('base64url');
}
