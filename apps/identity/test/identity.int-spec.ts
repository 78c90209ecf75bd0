import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { Role } from '@respire/tenancy';
import { createTestKafka, TestKafka, waitFor } from '@respire/testing';
import { startSmtpServer, SmtpTestServer } from '@respire/testing/smtp';
import { CatalogService, expectStatus } from '../../catalog/test/catalog-harness';
import { startService } from '../../../tests/e2e/services';
import {
  accessTokenOf,
  BrowserSession,
  CookieJar,
  IdentityService,
  isSignInMail,
  linkTokenIn,
  postJson,
  signInByMail,
  startIdentity,
} from './identity-harness';

/**
 * identity on real PostgreSQL, Kafka and SMTP, beside a real catalog that verifies identity's
 * tokens through JWKS_URL: onboarding, the mailed single-use link, the cookie session, access
 * tokens the other services accept, and taking access away.
 */
describe('identity: staff accounts, passwordless sign-in, sessions, JWKS', () => {
  let kafka: TestKafka;
  let smtp: SmtpTestServer;
  let identity: IdentityService;
  let catalog: CatalogService;
  let tenantId: string;
  let otherTenantId: string;

  const post = (path: string, body: unknown, jar?: CookieJar, csrf?: string) =>
    postJson(identity, path, body, jar, csrf);
  const signIn = (email: string) => signInByMail(identity, smtp, email);
  const accessToken = (session: BrowserSession) => accessTokenOf(identity, session);

  async function createTenant(slug: string): Promise<string> {
    const admin = await catalog.token(Role.PlatformAdmin);
    const tenant = await expectStatus(
      catalog.request('POST', '/v1/tenants', { token: admin, body: { slug, name: `CPTS ${slug}` } }),
      201,
    );
    return tenant.id;
  }

  /** Creating staff answers 404 until identity has consumed catalog.tenant.created. */
  async function addStaff(tenant: string, body: Record<string, unknown>) {
    const admin = await identity.token(Role.PlatformAdmin);
    const created = await waitFor(
      () => identity.request('POST', `/v1/tenants/${tenant}/staff`, { token: admin, body }),
      (response) => response.status !== 404,
      { what: 'identity to know the tenant' },
    );
    expect(created.status).toBe(201);
    return created.body;
  }

  beforeAll(async () => {
    kafka = await createTestKafka();
    smtp = await startSmtpServer();
    identity = await startIdentity({ kafka, smtpUrl: smtp.url });
    catalog = (await startService('catalog', kafka, {
      JWKS_URL: `${identity.baseUrl}/.well-known/jwks.json`,
      CATALOG_COMPLETION_INTERVAL_MS: '0',
    })) as CatalogService;
    tenantId = await createTenant('cpts-identite');
    otherTenantId = await createTenant('cpts-voisine');
  });

  afterAll(async () => {
    await catalog?.close();
    await identity?.close();
    await smtp?.close();
    await kafka?.cleanup();
  });

  it('publishes its public keys and an OIDC discovery document', async () => {
    const jwks = await identity.request('GET', '/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    expect(jwks.body.keys).toHaveLength(1);
    expect(jwks.body.keys[0]).toMatchObject({ alg: 'ES256', use: 'sig', kty: 'EC' });
    expect(jwks.body.keys[0]).not.toHaveProperty('d');
    const discovery = await identity.request('GET', '/.well-known/openid-configuration');
    expect(discovery.body).toMatchObject({
      issuer: 'respire',
      jwks_uri: 'http://127.0.0.1:3000/.well-known/jwks.json',
    });
  });

  it('lets only a platform admin create a CPTS’s first coordinator', async () => {
    const coordinatorToken = await identity.token(Role.Coordinator, tenantId);
    const refused = await identity.request('POST', `/v1/tenants/${tenantId}/staff`, {
      token: coordinatorToken,
      body: { email: 'x@cpts.fr', name: 'X', roles: ['coordinator'] },
    });
    expect(refused.status).toBe(403);

    const created = await addStaff(tenantId, {
      email: 'Anne.Martin@CPTS-Identite.fr',
      name: 'Anne Martin',
      roles: ['coordinator'],
    });
    expect(created).toMatchObject({
      tenantId,
      email: 'anne.martin@cpts-identite.fr',
      roles: ['coordinator'],
      lastSignInAt: null,
    });
    const invitation = await smtp.waitFor(
      (m) => m.to.includes('anne.martin@cpts-identite.fr') && /accès/.test(m.subject),
    );
    expect(invitation[0].text).toContain('http://127.0.0.1:3000/app/connexion');
    expect(invitation[0].text).not.toMatch(/jeton=/);
  });

  it('mails a single-use link valid 15 minutes, and gives the same answer for an unknown address', async () => {
    smtp.clear();
    const unknown = await post('/v1/auth/sign-in/request', { email: 'personne@nulle-part.fr' });
    const known = await post('/v1/auth/sign-in/request', { email: 'anne.martin@cpts-identite.fr' });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(await unknown.json()).toEqual(await known.json());

    const [mail] = await smtp.waitFor(
      (m) => m.to.includes('anne.martin@cpts-identite.fr') && isSignInMail(m.subject),
    );
    expect(mail.subject).toBe('Votre lien de connexion — CPTS cpts-identite');
    expect(mail.text).toContain('valable 15 minutes');
    expect(smtp.messages().some((m) => m.to.includes('personne@nulle-part.fr'))).toBe(false);

    const token = linkTokenIn(mail.text);
    const first = await post('/v1/auth/sign-in/complete', { token });
    expect(first.status).toBe(200);
    const cookies = first.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith('respire_session='))).toMatch(/HttpOnly; SameSite=Strict$/);
    expect(cookies.find((c) => c.startsWith('respire_csrf='))).not.toMatch(/HttpOnly/);
    expect(((await first.json()) as { account: unknown }).account).toMatchObject({
      tenantId,
      name: 'Anne Martin',
      roles: ['coordinator'],
    });

    const second = await post('/v1/auth/sign-in/complete', { token });
    expect(second.status).toBe(410);
    expect(((await second.json()) as { message: string }).message).toMatch(/n’est plus valable/);
  });

  it('stores only a hash of the link, and refuses it once expired', async () => {
    smtp.clear();
    await post('/v1/auth/sign-in/request', { email: 'anne.martin@cpts-identite.fr' });
    const [mail] = await smtp.waitFor(
      (m) => m.to.includes('anne.martin@cpts-identite.fr') && isSignInMail(m.subject),
    );
    const token = linkTokenIn(mail.text);
    const owner = await identity.db.dataSource('owner');
    const stored: { token_hash: Buffer }[] = await owner.query(`SELECT token_hash FROM sign_in_links`);
    expect(
      stored.some(
        (row) =>
          row.token_hash.toString('utf8').includes(token) || row.token_hash.toString('base64url') === token,
      ),
    ).toBe(false);

    await owner.query(
      `UPDATE sign_in_links SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`,
    );
    expect((await post('/v1/auth/sign-in/complete', { token })).status).toBe(410);
  });

  it('sends at most IDENTITY_LINKS_PER_ACCOUNT links to one account in 15 minutes, answering the same', async () => {
    await addStaff(tenantId, {
      email: 'bombardee@cpts-identite.fr',
      name: 'Léa Bombardée',
      roles: ['facilitator'],
    });
    smtp.clear();
    for (let i = 0; i < 7; i += 1) {
      expect((await post('/v1/auth/sign-in/request', { email: 'bombardee@cpts-identite.fr' })).status).toBe(
        202,
      );
    }
    const owner = await identity.db.dataSource('owner');
    const [{ count }] = await owner.query(
      `SELECT count(*)::int AS count FROM sign_in_links l JOIN staff s ON s.id = l.staff_id WHERE s.email = 'bombardee@cpts-identite.fr'`,
    );
    expect(count).toBe(5);
    await smtp.waitFor((m) => m.to.includes('bombardee@cpts-identite.fr') && isSignInMail(m.subject), {
      count: 5,
    });
  });

  it('trades the session cookie and its CSRF token for an access token the other services accept', async () => {
    const session = await signIn('anne.martin@cpts-identite.fr');
    expect((await post('/v1/auth/token', {}, session.jar)).status).toBe(403);
    expect((await post('/v1/auth/token', {}, session.jar, 'forged')).status).toBe(403);

    const { status, body } = await accessToken(session);
    expect(status).toBe(200);
    expect(body.account).toMatchObject({
      tenantId,
      tenantName: 'CPTS cpts-identite',
      tenantSlug: 'cpts-identite',
    });
    const jwks = createRemoteJWKSet(new URL(`${identity.baseUrl}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(body.accessToken, jwks, {
      issuer: 'respire',
      audience: 'respire-api',
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload).toMatchObject({ tenant_id: tenantId, roles: ['coordinator'], sub: body.account.staffId });
    expect(payload.exp! - payload.iat!).toBe(300);

    const venue = await catalog.request('POST', '/v1/venues', {
      token: body.accessToken,
      body: { name: 'Maison de santé' },
    });
    expect(venue.status).toBe(201);
    const listed = await catalog.request('GET', '/v1/venues', { token: body.accessToken });
    expect(listed.body.map((v: { name: string }) => v.name)).toEqual(['Maison de santé']);
  });

  it('gives a facilitator a token carrying their facilitator record', async () => {
    const coordinator = await identity.token(Role.Coordinator, tenantId);
    const facilitatorId = '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c99';
    const created = await identity.request('POST', '/v1/staff', {
      token: coordinator,
      body: {
        email: 'paul@cpts-identite.fr',
        name: 'Paul Intervenant',
        roles: ['facilitator'],
        facilitatorId,
      },
    });
    expect(created.status).toBe(201);
    const { body } = await accessToken(await signIn('paul@cpts-identite.fr'));
    expect(decodeJwt(body.accessToken)).toMatchObject({
      roles: ['facilitator'],
      facilitator_id: facilitatorId,
    });
    const forbidden = await catalog.request('POST', '/v1/venues', {
      token: body.accessToken,
      body: { name: 'Non' },
    });
    expect(forbidden.status).toBe(403);
  });

  it('signs out: the session gives no more tokens and the cookies are cleared', async () => {
    const session = await signIn('anne.martin@cpts-identite.fr');
    const response = await post('/v1/auth/sign-out', {}, session.jar, session.csrf);
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie().every((c) => c.includes('Max-Age=0'))).toBe(true);
    expect((await accessToken(session)).status).toBe(403);
  });

  it('lets a coordinator end someone’s sessions, and keeps the last coordinator', async () => {
    const coordinator = await identity.token(Role.Coordinator, tenantId);
    const team = (await identity.request('GET', '/v1/staff', { token: coordinator })).body as {
      id: string;
      email: string;
    }[];
    const paul = team.find((m) => m.email === 'paul@cpts-identite.fr')!;
    const anne = team.find((m) => m.email === 'anne.martin@cpts-identite.fr')!;
    const paulSession = await signIn('paul@cpts-identite.fr');

    const ended = await identity.request('POST', `/v1/staff/${paul.id}/sign-out`, { token: coordinator });
    expect(ended.body).toEqual({ ended: expect.any(Number) });
    expect(ended.body.ended).toBeGreaterThanOrEqual(1);
    expect((await accessToken(paulSession)).status).toBe(403);

    const removeLast = await identity.request('DELETE', `/v1/staff/${anne.id}`, { token: coordinator });
    expect(removeLast.status).toBe(409);
    expect((await identity.request('DELETE', `/v1/staff/${paul.id}`, { token: coordinator })).status).toBe(
      204,
    );
    expect((await identity.request('GET', `/v1/staff/${paul.id}`, { token: coordinator })).status).toBe(404);
  });

  it('keeps each CPTS’s team to itself', async () => {
    await addStaff(otherTenantId, {
      email: 'anne.martin@cpts-identite.fr',
      name: 'Anne (voisine)',
      roles: ['coordinator'],
    });
    const other = await identity.token(Role.Coordinator, otherTenantId);
    const team = (await identity.request('GET', '/v1/staff', { token: other })).body as {
      tenantId: string;
    }[];
    expect(team.map((m) => m.tenantId)).toEqual([otherTenantId]);

    // One address, two CPTS: one mail per CPTS, each naming its own.
    smtp.clear();
    await post('/v1/auth/sign-in/request', { email: 'anne.martin@cpts-identite.fr' });
    const mails = await smtp.waitFor(
      (m) => m.to.includes('anne.martin@cpts-identite.fr') && isSignInMail(m.subject),
      { count: 2 },
    );
    expect(mails.map((m) => m.subject).sort()).toEqual([
      'Votre lien de connexion — CPTS cpts-identite',
      'Votre lien de connexion — CPTS cpts-voisine',
    ]);
  });
});
