import { createHmac } from 'node:crypto';
import { LEGACY_PREFERENCE_LINKS_UNTIL } from './legacy-preference-token';
import { signPreferenceToken, verifyPreferenceToken } from './preference-token';

const secret = 'a-test-secret-of-at-least-32-characters!';
const subject = {
  tenantId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c01',
  participantId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c08',
};
const NOW = new Date('2026-12-01T10:00:00Z');
const IN_A_YEAR = new Date('2027-12-01T10:00:00Z');

describe('preferences link token', () => {
  it('names the participant it was signed for, until it expires', () => {
    const token = signPreferenceToken(subject, secret, IN_A_YEAR);

    expect(verifyPreferenceToken(token, secret, NOW)).toEqual({ status: 'valid', subject });
    expect(verifyPreferenceToken(token, secret, new Date(IN_A_YEAR.getTime() + 1000))).toEqual({
      status: 'expired',
    });
  });

  it('refuses a token signed with another secret, altered, or malformed', () => {
    const token = signPreferenceToken(subject, secret, IN_A_YEAR);
    expect(verifyPreferenceToken(token, `${secret}x`, NOW).status).toBe('invalid');
    const other = signPreferenceToken(
      { ...subject, participantId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c09' },
      secret,
      IN_A_YEAR,
    );
    expect(verifyPreferenceToken(`${other.split('.')[0]}.${token.split('.')[1]}`, secret, NOW).status).toBe(
      'invalid',
    );
    expect(verifyPreferenceToken('garbage', secret, NOW).status).toBe('invalid');
    expect(verifyPreferenceToken(`${token}.x`, secret, NOW).status).toBe('invalid');
  });

  it('reads a link mailed before links expired until the legacy deadline', () => {
    const body = Buffer.from(`p1.${subject.tenantId}.${subject.participantId}`).toString('base64url');
    const legacy = `${body}.${createHmac('sha256', secret).update(`respire-preferences:${body}`).digest('base64url')}`;

    expect(verifyPreferenceToken(legacy, secret, NOW)).toEqual({ status: 'valid', subject });
    expect(
      verifyPreferenceToken(legacy, secret, new Date(LEGACY_PREFERENCE_LINKS_UNTIL.getTime() + 1000)),
    ).toEqual({ status: 'expired' });
  });

  it('reads a text (p2) link mailed before preference links were SignedTokens, until its own expiry', () => {
    const seconds = Math.ceil(IN_A_YEAR.getTime() / 1000);
    const body = Buffer.from(`p2.${subject.tenantId}.${subject.participantId}.${seconds}`).toString(
      'base64url',
    );
    const legacy = `${body}.${createHmac('sha256', secret).update(`respire-preferences:${body}`).digest('base64url')}`;

    expect(verifyPreferenceToken(legacy, secret, NOW)).toEqual({ status: 'valid', subject });
    expect(verifyPreferenceToken(legacy, secret, new Date(IN_A_YEAR.getTime() + 1000))).toEqual({
      status: 'expired',
    });
    expect(verifyPreferenceToken(legacy, `${secret}x`, NOW)).toEqual({ status: 'invalid' });
  });
});
