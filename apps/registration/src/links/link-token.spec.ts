import { v7 as uuidv7 } from 'uuid';
import { createHmac } from 'node:crypto';
import { parse as parseUuid } from 'uuid';
import {
  InvalidLinkError,
  LinkExpiredError,
  LinkForAnotherRegistrationError,
} from '../registrations/domain/registration-errors';
import { LinkTokens, ParticipantLinks } from './link-token';

const SECRET = 'a-test-secret-that-is-at-least-32-chars';
const NOW = new Date('2026-03-12T10:00:00Z');
const LATER = new Date('2026-03-19T18:30:00Z');

describe('participant link tokens', () => {
  const tokens = new LinkTokens(SECRET);
  const tenantId = uuidv7();
  const registrationId = uuidv7();

  it('verifies a token it signed and gives back its tenant and expiry', () => {
    const token = tokens.sign({ tenantId, registrationId, action: 'cancel', expiresAt: LATER });

    expect(tokens.verify(token, { registrationId, action: 'cancel' }, NOW)).toEqual({
      tenantId,
      registrationId,
      action: 'cancel',
      expiresAt: LATER,
    });
    expect(token.length).toBeLessThan(80);
  });

  it('refuses a token past its expiry with the action’s French message (410)', () => {
    const token = tokens.sign({ tenantId, registrationId, action: 'feedback', expiresAt: NOW });

    expect(() =>
      tokens.verify(token, { registrationId, action: 'feedback' }, new Date(NOW.getTime() + 1000)),
    ).toThrow(LinkExpiredError);
    expect(() =>
      tokens.verify(token, { registrationId, action: 'feedback' }, new Date(NOW.getTime() + 1000)),
    ).toThrow(/^Ce lien a expiré : les avis sont recueillis pendant les 4 semaines/);
    expect(tokens.verify(token, { registrationId, action: 'feedback' }, NOW).action).toBe('feedback');
  });

  it('cannot be given a later expiry without the secret', () => {
    const [payload, signature] = tokens
      .sign({ tenantId, registrationId, action: 'feedback', expiresAt: NOW })
      .split('.');
    const extended = Buffer.from(payload, 'base64url');
    extended.writeUInt32BE(extended.readUInt32BE(34) + 365 * 86_400, 34);

    expect(() =>
      tokens.verify(
        `${extended.toString('base64url')}.${signature}`,
        { registrationId, action: 'feedback' },
        NOW,
      ),
    ).toThrow(InvalidLinkError);
  });

  it('still reads a version 1 token mailed before links expired (the use cases bound its action in time)', () => {
    const payload = Buffer.alloc(34);
    payload[0] = 1;
    payload[1] = 0; // cancel
    Buffer.from(parseUuid(tenantId)).copy(payload, 2);
    Buffer.from(parseUuid(registrationId)).copy(payload, 18);
    const signature = createHmac('sha256', SECRET).update(payload).digest().subarray(0, 16);
    const legacy = `${payload.toString('base64url')}.${signature.toString('base64url')}`;

    expect(tokens.verify(legacy, { registrationId, action: 'cancel' }, NOW)).toMatchObject({
      tenantId,
      expiresAt: null,
    });
  });

  it('refuses a token for another action (a cancel link cannot accept an offer)', () => {
    const token = tokens.sign({ tenantId, registrationId, action: 'cancel', expiresAt: LATER });

    expect(() => tokens.verify(token, { registrationId, action: 'accept' }, NOW)).toThrow(InvalidLinkError);
  });

  it('refuses a token for another registration with its own error', () => {
    const token = tokens.sign({ tenantId, registrationId: uuidv7(), action: 'cancel', expiresAt: LATER });

    expect(() => tokens.verify(token, { registrationId, action: 'cancel' }, NOW)).toThrow(
      LinkForAnotherRegistrationError,
    );
  });

  it('refuses a tampered, truncated or foreign-secret token', () => {
    const token = tokens.sign({ tenantId, registrationId, action: 'feedback', expiresAt: LATER });
    const [payload, signature] = token.split('.');
    const flipped = Buffer.from(payload, 'base64url');
    flipped[20] ^= 1;
    const others = new LinkTokens('another-secret-that-is-at-least-32-chars');

    for (const bad of [
      `${flipped.toString('base64url')}.${signature}`,
      payload,
      `${payload}.${signature.slice(0, 10)}`,
      others.sign({ tenantId, registrationId, action: 'feedback', expiresAt: LATER }),
      'not a token',
      '',
    ]) {
      expect(() => tokens.verify(bad, { registrationId, action: 'feedback' }, NOW)).toThrow(InvalidLinkError);
    }
  });

  it('lets any genuine token of a registration read it, and no other', () => {
    const token = tokens.sign({ tenantId, registrationId, action: 'decline', expiresAt: LATER });

    expect(tokens.verifyHolder(token, registrationId, NOW).action).toBe('decline');
    expect(() => tokens.verifyHolder(token, uuidv7(), NOW)).toThrow(LinkForAnotherRegistrationError);
    expect(() => tokens.verifyHolder(token, registrationId, new Date(LATER.getTime() + 1))).toThrow(
      LinkExpiredError,
    );
  });

  it('builds absolute links under the public base URL', () => {
    const links = new ParticipantLinks(tokens, 'https://respire.example.org/');
    const url = new URL(links.url(tenantId, registrationId, 'accept', LATER));

    expect(url.origin + url.pathname).toBe(
      `https://respire.example.org/inscriptions/${registrationId}/accepter`,
    );
    expect(
      tokens.verify(url.searchParams.get('token')!, { registrationId, action: 'accept' }, NOW).tenantId,
    ).toBe(tenantId);
  });
});
