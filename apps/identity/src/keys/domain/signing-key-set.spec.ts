import { jwtVerify, SignJWT } from 'jose';
import { InvalidSigningKeysError, SigningKeySet } from './signing-key-set';

describe('SigningKeySet', () => {
  it('signs with the first key and publishes every key without its private members', async () => {
    const current = await SigningKeySet.generateJwk('ES256', 'current');
    const previous = await SigningKeySet.generateJwk('EdDSA', 'previous');
    const set = await SigningKeySet.fromJson(JSON.stringify({ keys: [current, previous] }));

    expect(set.current.kid).toBe('current');
    const published = set.publicJwks().keys;
    expect(published.map((key) => key.kid)).toEqual(['current', 'previous']);
    for (const key of published) expect(key).not.toHaveProperty('d');
    expect(JSON.stringify(published)).not.toContain(String(current.d));
  });

  it('verifies a token signed with the previous key after a rotation', async () => {
    const old = await SigningKeySet.generateJwk('ES256', 'old');
    const before = await SigningKeySet.fromJwks([old]);
    const token = await new SignJWT({ roles: ['coordinator'] })
      .setProtectedHeader({ alg: 'ES256', kid: 'old' })
      .setExpirationTime('5m')
      .sign(before.current.key);

    const after = await SigningKeySet.fromJwks([await SigningKeySet.generateJwk('ES256', 'new'), old]);

    await expect(jwtVerify(token, after.verificationKey)).resolves.toBeDefined();
  });

  it('refuses a token whose kid it does not publish', async () => {
    const other = await SigningKeySet.fromJwks([await SigningKeySet.generateJwk('ES256', 'elsewhere')]);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'elsewhere' })
      .sign(other.current.key);
    const mine = await SigningKeySet.fromJwks([await SigningKeySet.generateJwk('ES256', 'mine')]);

    await expect(jwtVerify(token, mine.verificationKey)).rejects.toThrow(/unknown signing key elsewhere/);
  });

  it.each([
    ['not JSON', 'nope', /not JSON/],
    ['an empty set', '{"keys":[]}', /at least one/],
    ['a key without kid', '{"keys":[{"kty":"EC","alg":"ES256","d":"x"}]}', /no kid/],
    [
      'a symmetric algorithm',
      '{"keys":[{"kid":"a","kty":"oct","alg":"HS256","k":"x"}]}',
      /alg must be one of/,
    ],
  ])('refuses %s, saying why', async (_, json, message) => {
    await expect(SigningKeySet.fromJson(json)).rejects.toThrow(InvalidSigningKeysError);
    await expect(SigningKeySet.fromJson(json)).rejects.toThrow(message);
  });

  it('refuses a public key in place of a private one', async () => {
    const jwk = await SigningKeySet.generateJwk('ES256', 'k');
    delete jwk.d;
    await expect(SigningKeySet.fromJwks([jwk])).rejects.toThrow(/not a private key/);
  });
});
