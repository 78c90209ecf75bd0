import { createHmac, createSecretKey } from 'node:crypto';
import { SignedTokens, tokenField, TokenFormat } from './signed-tokens';

const SECRET = 'a-token-secret-that-is-at-least-32-characters';
const ACTIONS = ['open', 'close'] as const;
const FORMAT = new TokenFormat(7, {
  action: tokenField.oneOf(ACTIONS),
  who: tokenField.uuid,
  until: tokenField.instant,
});
const claims = {
  action: 'close' as const,
  who: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c01',
  until: new Date('2027-03-01T10:00:00Z'),
};

describe('signed tokens', () => {
  const tokens = SignedTokens.forPurpose(SECRET, 'a test purpose');

  it('gives back the typed claims of a token it signed: kind byte, fields, 128-bit HMAC-SHA256', () => {
    const token = tokens.sign(FORMAT, claims);
    const [payload, signature] = token.split('.');

    expect(tokens.open(FORMAT, token)).toEqual(claims);
    expect(Buffer.from(payload, 'base64url')).toHaveLength(1 + 1 + 16 + 4);
    expect(Buffer.from(payload, 'base64url')[0]).toBe(7);
    const key = createHmac('sha256', SECRET).update('a test purpose').digest();
    expect(signature).toBe(
      createHmac('sha256', key)
        .update(Buffer.from(payload, 'base64url'))
        .digest()
        .subarray(0, 16)
        .toString('base64url'),
    );
  });

  it('refuses a token of another purpose, another kind, another context, or tampered', () => {
    const token = tokens.sign(FORMAT, claims);
    const [payload, signature] = token.split('.');
    const tampered = Buffer.from(payload, 'base64url');
    tampered[3] ^= 1;
    const otherKind = new TokenFormat(8, {
      action: tokenField.oneOf(ACTIONS),
      who: tokenField.uuid,
      until: tokenField.instant,
    });

    expect(SignedTokens.forPurpose(SECRET, 'another purpose').open(FORMAT, token)).toBeNull();
    expect(tokens.open(otherKind, token)).toBeNull();
    expect(tokens.open(FORMAT, `${tampered.toString('base64url')}.${signature}`)).toBeNull();
    expect(tokens.open(FORMAT, tokens.sign(otherKind, claims))).toBeNull();
    for (const bad of [
      payload,
      `${token}.x`,
      `${payload}.${signature.slice(2)}`,
      '',
      'not a token',
      42,
      undefined,
    ]) {
      expect(tokens.open(FORMAT, bad)).toBeNull();
    }
    const bound = tokens.sign(FORMAT, claims, '/a/form');
    expect(tokens.open(FORMAT, bound, '/a/form')).toEqual(claims);
    expect(tokens.open(FORMAT, bound, '/another/form')).toBeNull();
    expect(tokens.open(FORMAT, bound)).toBeNull();
  });

  it('refuses a name index it does not know (a token from a later release)', () => {
    const raw = SignedTokens.withSecret(SECRET);
    const payload = FORMAT.encode(claims);
    payload[1] = 9;
    const mac = createHmac('sha256', createSecretKey(Buffer.from(SECRET)))
      .update(payload)
      .digest()
      .subarray(0, 16);

    expect(raw.verifiedPayload(`${payload.toString('base64url')}.${mac.toString('base64url')}`)).toEqual(
      payload,
    );
    expect(raw.open(FORMAT, `${payload.toString('base64url')}.${mac.toString('base64url')}`)).toBeNull();
  });

  it('wants a secret of at least 32 characters', () => {
    expect(() => SignedTokens.forPurpose('short', 'p')).toThrow(/at least 32 characters/);
    expect(() => SignedTokens.withSecret('short')).toThrow(/at least 32 characters/);
  });
});
