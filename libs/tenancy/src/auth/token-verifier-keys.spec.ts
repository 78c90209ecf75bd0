import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { mintToken, TokenVerifier } from './token-verifier';
import { Role } from './principal';

const SECRET = 'a-development-secret-of-at-least-32-chars';

async function keyPair() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { privateKey, publicKey, jwk: { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' } };
}

function signed(privateKey: Parameters<SignJWT['sign']>[0], claims: Record<string, unknown> = {}) {
  return new SignJWT({ tenant_id: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c01', roles: ['coordinator'], ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setSubject('staff-1')
    .setIssuer('respire')
    .setAudience('respire-api')
    .setExpirationTime('5m')
    .sign(privateKey);
}

describe('TokenVerifier with keys (identity, JWKS) beside the dev secret', () => {
  it('accepts a token signed with a published key and the dev HS256 token beside it (development)', async () => {
    const { privateKey, publicKey } = await keyPair();
    const verifier = new TokenVerifier({ kind: 'keys', keys: async () => publicKey, devSecret: SECRET });

    await expect(verifier.verify(await signed(privateKey))).resolves.toMatchObject({
      subject: 'staff-1',
      roles: [Role.Coordinator],
    });
    const dev = await mintToken({ secret: SECRET, subject: 'dev', roles: [Role.PlatformAdmin] });
    await expect(verifier.verify(dev)).resolves.toMatchObject({ roles: [Role.PlatformAdmin] });
  });

  it('refuses HS256 tokens when no dev secret is configured (production)', async () => {
    const { publicKey } = await keyPair();
    const verifier = new TokenVerifier({ kind: 'keys', keys: async () => publicKey });
    const dev = await mintToken({ secret: SECRET, subject: 'dev', roles: [Role.PlatformAdmin] });

    await expect(verifier.verify(dev)).rejects.toThrow(/not accepted|alg/);
  });

  it('refuses another issuer or audience than configured', async () => {
    const { privateKey, publicKey } = await keyPair();
    const verifier = new TokenVerifier({
      kind: 'keys',
      keys: async () => publicKey,
      issuer: 'https://idp.example.org',
    });

    await expect(verifier.verify(await signed(privateKey))).rejects.toThrow(/iss/);
  });
});
