import { v7 as uuidv7 } from 'uuid';
import { InvalidLinkError, LinkForAnotherRegistrationError } from '../registrations/domain/registration-errors';
import { LinkTokens, ParticipantLinks } from './link-token';

const SECRET = 'a-test-secret-that-is-at-least-32-chars';

describe('participant link tokens', () => {
  const tokens = new LinkTokens(SECRET);
  const tenantId = uuidv7();
  const registrationId = uuidv7();

  it('verifies a token it signed and gives back its tenant', () => {
    const token = tokens.sign({ tenantId, registrationId, action: 'cancel' });

    expect(tokens.verify(token, { registrationId, action: 'cancel' })).toEqual({ tenantId, registrationId, action: 'cancel' });
    expect(token.length).toBeLessThan(80);
  });

  it('refuses a token for another action (a cancel link cannot accept an offer)', () => {
    const token = tokens.sign({ tenantId, registrationId, action: 'cancel' });

    expect(() => tokens.verify(token, { registrationId, action: 'accept' })).toThrow(InvalidLinkError);
  });

  it('refuses a token for another registration with its own error', () => {
    const token = tokens.sign({ tenantId, registrationId: uuidv7(), action: 'cancel' });

    expect(() => tokens.verify(token, { registrationId, action: 'cancel' })).toThrow(LinkForAnotherRegistrationError);
  });

  it('refuses a tampered, truncated or foreign-secret token', () => {
    const token = tokens.sign({ tenantId, registrationId, action: 'feedback' });
    const [payload, signature] = token.split('.');
    const flipped = Buffer.from(payload, 'base64url');
    flipped[20] ^= 1;
    const others = new LinkTokens('another-secret-that-is-at-least-32-chars');

    for (const bad of [
      `${flipped.toString('base64url')}.${signature}`,
      payload,
      `${payload}.${signature.slice(0, 10)}`,
      others.sign({ tenantId, registrationId, action: 'feedback' }),
      'not a token',
      '',
    ]) {
      expect(() => tokens.verify(bad, { registrationId, action: 'feedback' })).toThrow(InvalidLinkError);
    }
  });

  it('lets any genuine token of a registration read it, and no other', () => {
    const token = tokens.sign({ tenantId, registrationId, action: 'decline' });

    expect(tokens.verifyHolder(token, registrationId).action).toBe('decline');
    expect(() => tokens.verifyHolder(token, uuidv7())).toThrow(LinkForAnotherRegistrationError);
  });

  it('builds absolute links under the public base URL', () => {
    const links = new ParticipantLinks(tokens, 'https://respire.example.org/');
    const url = new URL(links.url(tenantId, registrationId, 'accept'));

    expect(url.origin + url.pathname).toBe(`https://respire.example.org/inscriptions/${registrationId}/accepter`);
    expect(tokens.verify(url.searchParams.get('token')!, { registrationId, action: 'accept' }).tenantId).toBe(tenantId);
  });
});
