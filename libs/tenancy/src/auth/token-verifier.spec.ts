import { SignJWT } from 'jose';
import { v7 as uuidv7 } from 'uuid';
import { Role } from './principal';
import { InvalidTokenError, mintToken, TOKEN_AUDIENCE, TOKEN_ISSUER, TokenVerifier } from './token-verifier';

const SECRET = 'a-test-secret-that-is-at-least-32-chars';

function sign(claims: Record<string, unknown>, { expires = true, alg = 'HS256' } = {}) {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg })
    .setSubject('someone')
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt();
  if (expires) jwt.setExpirationTime('1h');
  return jwt.sign(new TextEncoder().encode(SECRET));
}

describe('bearer token verification', () => {
  const verifier = new TokenVerifier({ kind: 'secret', secret: SECRET });
  const tenantId = uuidv7();

  it('accepts a minted token and gives back its principal', async () => {
    const token = await mintToken({ secret: SECRET, subject: 'coord', roles: [Role.Coordinator], tenantId });

    expect(await verifier.verify(token)).toEqual({
      subject: 'coord',
      tenantId,
      roles: [Role.Coordinator],
      facilitatorId: null,
      region: null,
    });
  });

  it('gives a funder a region and no tenant, and refuses a funder token naming a tenant or no known region', async () => {
    const token = await mintToken({
      secret: SECRET,
      subject: 'ars',
      roles: [Role.Funder],
      region: 'nouvelle-aquitaine',
    });
    expect(await verifier.verify(token)).toEqual({
      subject: 'ars',
      tenantId: null,
      roles: [Role.Funder],
      facilitatorId: null,
      region: 'nouvelle-aquitaine',
    });
    const withTenant = await mintToken({
      secret: SECRET,
      subject: 'ars',
      roles: [Role.Funder],
      region: 'nouvelle-aquitaine',
      tenantId,
    });
    await expect(verifier.verify(withTenant)).rejects.toThrow(/region, not a tenant/);
    const unknown = await mintToken({
      secret: SECRET,
      subject: 'ars',
      roles: [Role.Funder],
      region: 'atlantide',
    });
    await expect(verifier.verify(unknown)).rejects.toThrow(/known region/);
    const twoRoles = await mintToken({
      secret: SECRET,
      subject: 'ars',
      roles: [Role.Funder, Role.Coordinator],
      region: 'corse',
      tenantId,
    });
    await expect(verifier.verify(twoRoles)).rejects.toThrow(/no other role/);
  });

  it('refuses a token without an expiry', async () => {
    const token = await sign({ roles: ['coordinator'], tenant_id: tenantId }, { expires: false });

    await expect(verifier.verify(token)).rejects.toThrow(InvalidTokenError);
    await expect(verifier.verify(token)).rejects.toThrow(/exp/);
  });

  it('refuses a tenant or facilitator claim that is not a UUID, as an invalid token', async () => {
    for (const claims of [
      { roles: ['coordinator'], tenant_id: 'cpts-adour' },
      { roles: ['coordinator'], tenant_id: `${tenantId}' OR '1'='1` },
      { roles: ['coordinator'], tenant_id: 42 },
      { roles: ['facilitator'], tenant_id: tenantId, facilitator_id: 'bob' },
    ]) {
      await expect(verifier.verify(await sign(claims))).rejects.toThrow(/is not a UUID/);
    }
  });

  it('refuses a shared-secret token signed with another algorithm', async () => {
    const token = await sign({ roles: ['coordinator'], tenant_id: tenantId }, { alg: 'HS512' });

    await expect(verifier.verify(token)).rejects.toThrow(InvalidTokenError);
  });
});
