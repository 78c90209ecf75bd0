import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Preference links mailed before they were SignedTokens (text tokens `p2.<tenant>.<participant>.<expiry>`,
 * and `p1` without expiry) keep working until they expire: p2 tokens within a year of their
 * message, p1 tokens until this date. Read only, never signed: delete this file after it.
 */
export const LEGACY_PREFERENCE_LINKS_UNTIL = new Date('2027-12-31T23:00:00Z');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function readLegacyPreferenceToken(
  token: string,
  secret: string,
): { tenantId: string; participantId: string; expiresAt: Date } | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(
    createHmac('sha256', secret).update(`respire-preferences:${body}`).digest('base64url'),
  );
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const [version, tenantId, participantId, expiry, rest] = Buffer.from(body, 'base64url')
    .toString('utf8')
    .split('.');
  if (!UUID.test(tenantId ?? '') || !UUID.test(participantId ?? '') || rest !== undefined) return null;
  if (version === 'p2' && /^\d+$/.test(expiry ?? ''))
    return { tenantId, participantId, expiresAt: new Date(Number(expiry) * 1000) };
  if (version === 'p1' && expiry === undefined)
    return { tenantId, participantId, expiresAt: LEGACY_PREFERENCE_LINKS_UNTIL };
  return null;
}
