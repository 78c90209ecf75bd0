import { SignedTokens, tokenField, TokenFormat } from '@respire/platform';
import { readLegacyPreferenceToken } from './legacy-preference-token';

export interface PreferenceSubject {
  tenantId: string;
  participantId: string;
}

export type PreferenceTokenCheck =
  { status: 'valid'; subject: PreferenceSubject } | { status: 'expired' } | { status: 'invalid' };

/**
 * A preferences link works for a year after the message that carries it: it only turns reminders
 * and feedback requests off or on, and an unsubscribe link (RFC 8058) must keep working while the
 * message is plausibly read — but not for ever.
 */
export const PREFERENCE_LINK_DAYS = 365;

const PREFERENCES = new TokenFormat(0xb1, {
  tenantId: tokenField.uuid,
  participantId: tokenField.uuid,
  expiresAt: tokenField.instant,
});
const PURPOSE = 'respire participant preferences link';

/** The token of a participant's preferences link (libs/platform SignedTokens): who (tenant, participant) and until when. */
export function signPreferenceToken(subject: PreferenceSubject, secret: string, expiresAt: Date): string {
  return SignedTokens.forPurpose(secret, PURPOSE).sign(PREFERENCES, { ...subject, expiresAt });
}

export function verifyPreferenceToken(token: string, secret: string, now: Date): PreferenceTokenCheck {
  const claims =
    SignedTokens.forPurpose(secret, PURPOSE).open(PREFERENCES, token) ??
    readLegacyPreferenceToken(token, secret);
  if (!claims) return { status: 'invalid' };
  if (claims.expiresAt.getTime() < now.getTime()) return { status: 'expired' };
  return { status: 'valid', subject: { tenantId: claims.tenantId, participantId: claims.participantId } };
}
