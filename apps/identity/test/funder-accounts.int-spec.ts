import { decodeJwt } from 'jose';
import { mintToken, Role } from '@respire/tenancy';
import { createTestKafka, TEST_JWT_SECRET, TestKafka, TestService, waitFor } from '@respire/testing';
import { startSmtpServer, SmtpTestServer } from '@respire/testing/smtp';
import { expectStatus } from '../../catalog/test/catalog-harness';
import { startService } from '../../../tests/e2e/services';
import {
  accessTokenOf,
  BrowserSession,
  IdentityService,
  postJson,
  signInByMail,
  startIdentity,
} from './identity-harness';

/**
 * Funder accounts on real PostgreSQL, Kafka and SMTP, beside a real catalog and reporting that
 * verify identity's tokens through JWKS_URL: the platform operator creates a funder of a region
 * (a coordinator cannot), the funder signs in like staff, and the token identity issues reads
 * the region's summary from reporting and no CPTS route anywhere.
 */
describe('identity: funder accounts scoped to a region', () => {
  let kafka: TestKafka;
  let smtp: SmtpTestServer;
  let identity: IdentityService;
  let catalog: TestService<unknown>;
  let reporting: TestService<unknown>;
  const suffix = Date.now().toString(36);
  const tenants: Record<string, string> = {};
  const ARS = `ars-${suffix}@ars.sante.fr`;

  const post = (path: string, body: unknown) => postJson(identity, path, body);
  const accessToken = (session: BrowserSession) => accessTokenOf(identity, session);

  async function signIn(email: string) {
    const session = await signInByMail(identity, smtp, email);
    expect(session.subject).toBe('Votre lien de connexion — Respire (Bourgogne-Franche-Comté)');
    return session;
  }

  beforeAll(async () => {
    kafka = await createTestKafka();
    smtp = await startSmtpServer();
    identity = await startIdentity({ kafka, smtpUrl: smtp.url });
    const jwks = { JWKS_URL: `${identity.baseUrl}/.well-known/jwks.json` };
    catalog = await startService('catalog', kafka, { ...jwks, CATALOG_COMPLETION_INTERVAL_MS: '0' });
    reporting = await startService('reporting', kafka, jwks);
    const admin = await catalog.token(Role.PlatformAdmin);
    for (const [slug, region] of [
      [`besancon-${suffix}`, 'bourgogne-franche-comte'],
      [`dijon-${suffix}`, 'bourgogne-franche-comte'],
      [`adour-${suffix}`, 'nouvelle-aquitaine'],
    ]) {
      const created = await expectStatus(
        catalog.request('POST', '/v1/tenants', {
          token: admin,
          body: { slug, name: `CPTS ${slug}`, region },
        }),
        201,
      );
      tenants[slug] = created.id;
    }
  });

  afterAll(async () => {
    await reporting?.close();
    await catalog?.close();
    await identity?.close();
    await smtp?.close();
    await kafka?.cleanup();
  });

  it('lets only the platform operator create a funder, for a known region', async () => {
    const path = '/v1/regions/bourgogne-franche-comte/funders';
    const body = { email: ARS.toUpperCase(), name: 'Agence régionale de santé BFC' };
    const coordinator = await identity.token(Role.Coordinator, tenants[`besancon-${suffix}`]);
    expect((await identity.request('POST', path, { token: coordinator, body })).status).toBe(403);
    const funder = await mintToken({
      secret: TEST_JWT_SECRET,
      subject: 'ars',
      roles: [Role.Funder],
      region: 'bourgogne-franche-comte',
    });
    expect((await identity.request('POST', path, { token: funder, body })).status).toBe(403);

    const admin = await identity.token(Role.PlatformAdmin);
    expect(
      (await identity.request('POST', '/v1/regions/atlantide/funders', { token: admin, body })).status,
    ).toBe(404);
    const bad = await identity.request('POST', path, {
      token: admin,
      body: { email: 'pas-une-adresse', name: '' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('adresse e-mail invalide');

    const created = await identity.request('POST', path, { token: admin, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      region: 'bourgogne-franche-comte',
      regionName: 'Bourgogne-Franche-Comté',
      email: ARS,
      lastSignInAt: null,
    });
    expect((await identity.request('POST', path, { token: admin, body })).status).toBe(409);
    const [invitation] = await smtp.waitFor((m) => m.to.includes(ARS) && /accès/.test(m.subject));
    expect(invitation.text).toContain('http://127.0.0.1:3000/app/connexion');
    expect(invitation.text).toContain('Bourgogne-Franche-Comté');
    expect(invitation.text).not.toMatch(/jeton=/);
    const listed = await identity.request('GET', path, { token: admin });
    expect(listed.body.map((f: { email: string }) => f.email)).toEqual([ARS]);
    expect(
      (await identity.request('GET', '/v1/regions/nouvelle-aquitaine/funders', { token: admin })).body,
    ).toEqual([]);
  });

  it('signs a funder in like staff, with a token naming the region and no CPTS', async () => {
    const session = await signIn(ARS);
    expect(session.account).toMatchObject({
      tenantId: null,
      region: 'bourgogne-franche-comte',
      roles: ['funder'],
    });
    const { status, body } = await accessToken(session);
    expect(status).toBe(200);
    expect(body.account).toMatchObject({
      tenantId: null,
      tenantName: null,
      region: 'bourgogne-franche-comte',
      regionName: 'Bourgogne-Franche-Comté',
      roles: ['funder'],
      name: 'Agence régionale de santé BFC',
    });
    const claims = decodeJwt(body.accessToken);
    expect(claims).toMatchObject({
      roles: ['funder'],
      region: 'bourgogne-franche-comte',
      sub: body.account.staffId,
    });
    expect(claims).not.toHaveProperty('tenant_id');
  });

  it('reads its region’s summary from reporting, two CPTS and not the other region’s, and no CPTS route anywhere', async () => {
    const { body } = await accessToken(await signIn(ARS));
    const token = body.accessToken as string;
    const besancon = tenants[`besancon-${suffix}`];
    const dijon = tenants[`dijon-${suffix}`];
    const summary = await waitFor(
      () => reporting.request('GET', '/v1/funder/summary', { token }),
      (response) => response.status === 200 && response.body.cpts.length === 2,
      { timeoutMs: 60_000, what: 'reporting to learn both CPTS of the region from catalog’s events' },
    );
    expect(summary.body.region).toBe('bourgogne-franche-comte');
    expect(summary.body.cpts.map((c: { tenantId: string }) => c.tenantId).sort()).toEqual(
      [besancon, dijon].sort(),
    );
    expect(JSON.stringify(summary.body)).not.toContain(tenants[`adour-${suffix}`]);
    expect(summary.body.combined).toMatchObject({ tenantId: null });

    // Nothing of a CPTS: its own reports, catalog's data, identity's team.
    for (const [service, path] of [
      [reporting, '/v1/reports/summary'],
      [reporting, '/v1/reports/participants'],
      [reporting, '/v1/surveys'],
      [catalog, '/v1/venues'],
      [catalog, `/v1/tenants/${besancon}`],
      [identity, '/v1/staff'],
      [identity, '/v1/regions/bourgogne-franche-comte/funders'],
    ] as const) {
      const response = await service.request('GET', path, { token });
      expect({ path, status: [403, 404].includes(response.status) }).toEqual({ path, status: true });
      expect(JSON.stringify(response.body)).not.toContain(besancon);
    }
  });

  it('keeps funders out of every other scope in the database', async () => {
    const app = await identity.db.dataSource('app');
    expect(await app.query(`SELECT * FROM funders`)).toEqual([]);
    const inTenant = await app.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenants[`besancon-${suffix}`]]);
      return manager.query(`SELECT * FROM funders`);
    });
    expect(inTenant).toEqual([]);
    const inOtherRegion = await app.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.region', 'nouvelle-aquitaine', true)`);
      return [
        await manager.query(`SELECT * FROM funders`),
        await manager.query(`SELECT * FROM funder_sessions`),
      ];
    });
    expect(inOtherRegion).toEqual([[], []]);
    const inRegion = await app.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.region', 'bourgogne-franche-comte', true)`);
      return [await manager.query(`SELECT email FROM funders`), await manager.query(`SELECT * FROM staff`)];
    });
    expect(inRegion).toEqual([[{ email: ARS }], []]);
  });

  it('lets the platform operator sign a funder out everywhere and remove the account', async () => {
    const session = await signIn(ARS);
    const admin = await identity.token(Role.PlatformAdmin);
    const [funder] = (
      await identity.request('GET', '/v1/regions/bourgogne-franche-comte/funders', { token: admin })
    ).body;
    expect(funder.lastSignInAt).not.toBeNull();
    const ended = await identity.request(
      'POST',
      `/v1/regions/bourgogne-franche-comte/funders/${funder.id}/sign-out`,
      { token: admin },
    );
    expect(ended.body.ended).toBeGreaterThanOrEqual(1);
    expect((await accessToken(session)).status).toBe(403);
    // The account lives in its region: another region's path does not find it.
    expect(
      (
        await identity.request('DELETE', `/v1/regions/nouvelle-aquitaine/funders/${funder.id}`, {
          token: admin,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await identity.request('DELETE', `/v1/regions/bourgogne-franche-comte/funders/${funder.id}`, {
          token: admin,
        })
      ).status,
    ).toBe(204);
    smtp.clear();
    expect((await post('/v1/auth/sign-in/request', { email: ARS })).status).toBe(202);
    expect(
      (await identity.request('GET', '/v1/regions/bourgogne-franche-comte/funders', { token: admin })).body,
    ).toEqual([]);
  });
});
