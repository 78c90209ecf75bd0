import { SignJWT } from 'jose';
import { v7 as uuidv7 } from 'uuid';
import { Role, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@respire/tenancy';
import { TEST_JWT_SECRET } from '@respire/testing';
import { ScaledClock } from '@respire/platform';
import { newTenant, participant, sessionPublished, tokenOf, useRegistration } from './support';

const DAY_MS = 24 * 3600_000;

/** Credentials on the HTTP surface: bearer tokens must expire and name real ids; participant links expire. */
describe('credentials that expire (real PostgreSQL, Kafka, Redis)', () => {
  const clock = new ScaledClock(1);
  const tenant = newTenant();

  const testbed = useRegistration({ clock }, tenant);

  const bearer = (claims: Record<string, unknown>, expires = true) => {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('someone')
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt();
    if (expires) jwt.setExpirationTime('1h');
    return jwt.sign(new TextEncoder().encode(TEST_JWT_SECRET));
  };

  it('answers 401 to a bearer token without an expiry, or whose tenant is not a UUID (never 500)', async () => {
    const list = (token: string) =>
      testbed.service.request('GET', `/v1/sessions/${uuidv7()}/registrations`, { token });

    expect((await list(await bearer({ roles: ['coordinator'], tenant_id: tenant.tenantId }))).status).toBe(
      404,
    );
    expect(
      (await list(await bearer({ roles: ['coordinator'], tenant_id: tenant.tenantId }, false))).status,
    ).toBe(401);
    expect((await list(await bearer({ roles: ['coordinator'], tenant_id: tenant.slug }))).status).toBe(401);
    expect(
      (await list(await bearer({ roles: ['facilitator'], tenant_id: tenant.tenantId, facilitator_id: 'x' })))
        .status,
    ).toBe(401);
  });

  it('stops a feedback link four weeks after the session, with a French message when the page reads it and when it is used', async () => {
    const facilitatorId = uuidv7();
    const event = sessionPublished(tenant.tenantId, { startsInMinutes: 30, facilitatorId, now: clock.now() });
    await testbed.feed.publish(event);
    await testbed.waitForSession(tenant.tenantId, event.data.sessionId);
    const sessionId = event.data.sessionId;
    const registered = await testbed.service.request(
      'POST',
      `/v1/public/tenants/${tenant.slug}/sessions/${sessionId}/registrations`,
      {
        body: participant(),
      },
    );
    const facilitator = await testbed.service.token(Role.Facilitator, tenant.tenantId, facilitatorId);
    const attended = await testbed.service.request('POST', `/v1/sessions/${sessionId}/attendance`, {
      token: facilitator,
      body: { registrationId: registered.body.id, attended: true },
    });
    expect(attended.status).toBe(200);
    const attendedEvent = await testbed.eventOf('registration.attended', registered.body.id);
    const link = new URL(attendedEvent.data.links.feedback);
    const token = tokenOf(link.href);

    // What the web app's link page reads: the registration while the link lives, 410 after.
    const read = () =>
      testbed.service.request(
        'GET',
        `/v1/public/registrations/${registered.body.id}?token=${encodeURIComponent(token)}`,
      );
    expect(await read()).toMatchObject({
      status: 200,
      body: { id: registered.body.id, status: 'attended', feedbackGiven: false },
    });

    clock.advance(29 * DAY_MS);
    expect(await read()).toMatchObject({
      status: 410,
      body: {
        error: 'link_expired',
        message: expect.stringContaining(
          'les avis sont recueillis pendant les 4 semaines qui suivent la séance',
        ),
      },
    });
    const late = await testbed.service.request(
      'POST',
      `/v1/public/registrations/${registered.body.id}/feedback`,
      {
        body: { token, rating: 4, comment: null, quoteConsent: false },
      },
    );
    expect(late).toMatchObject({
      status: 410,
      body: {
        error: 'link_expired',
        message: expect.stringMatching(/^Ce lien a expiré : les avis sont recueillis/),
      },
    });
  });
});
