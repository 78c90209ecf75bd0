import { signPreferenceToken, verifyPreferenceToken } from './preference-token';

const secret = 'a-test-secret-of-at-least-32-characters!';
const subject = {
  tenantId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c01',
  participantId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c08',
};

describe('preferences link token', () => {
  it('names the participant it was signed for', () => {
    expect(verifyPreferenceToken(signPreferenceToken(subject, secret), secret)).toEqual(subject);
  });

  it('refuses a token signed with another secret, altered, or malformed', () => {
    const token = signPreferenceToken(subject, secret);
    expect(verifyPreferenceToken(token, `${secret}x`)).toBeNull();
    const other = signPreferenceToken(
      { ...subject, participantId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c09' },
      secret,
    );
    expect(verifyPreferenceToken(`${other.split('.')[0]}.${token.split('.')[1]}`, secret)).toBeNull();
    expect(verifyPreferenceToken('garbage', secret)).toBeNull();
    expect(verifyPreferenceToken(`${token}.x`, secret)).toBeNull();
  });
});
