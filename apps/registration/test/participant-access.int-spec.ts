import { ScaledClock } from '@respire/platform';
import { newTenant, participant, sessionPublished, tokenOf, useRegistration } from './support';

const HOUR_MS = 3600_000;

/** "My registrations": a link mailed to an address, never telling who is registered, and what it opens. */
describe('my registrations by mailed link (real PostgreSQL, Kafka, Redis)', () => {
  const clock = new ScaledClock(1);
  const tenant = newTenant();

  const testbed = useRegistration({ clock }, tenant);

  const publishedSession = (overrides: Parameters<typeof sessionPublished>[1] = {}) =>
    testbed.publishSession(tenant.tenantId, { now: clock.now(), ...overrides });

  const register = (sessionId: string, body: unknown) =>
    testbed.service.request('POST', `/v1/public/tenants/${tenant.slug}/sessions/${sessionId}/registrations`, {
      body,
    });
  const askLink = (email: string, slug = tenant.slug) =>
    testbed.service.request('POST', `/v1/public/tenants/${slug}/access-links`, { body: { email } });
  const linksMailedTo = async (email: string) =>
    (await testbed.outboxEvents('registration.access-link-requested')).filter((e) => e.data.email === email);
  const own = (token: string) =>
    testbed.service.request('GET', `/v1/public/participants/me?token=${encodeURIComponent(token)}`);

  it('answers a known and an unknown address alike, and mails a link only to the known one, three an hour at most', async () => {
    const sessionId = await publishedSession();
    const known = participant();
    expect((await register(sessionId, known)).status).toBe(201);
    const unknown = participant().email;

    const answers = [await askLink(known.email.toUpperCase()), await askLink(unknown)];
    expect(answers.map((a) => a.status)).toEqual([202, 202]);
    expect(answers[0].body).toEqual(answers[1].body);
    expect(answers[0].body.message).toMatch(/^Si cette adresse a une inscription/);

    const [mailed] = await linksMailedTo(known.email);
    expect(mailed).toMatchObject({
      tenantId: tenant.tenantId,
      subject: mailed.data.participantId,
      data: { firstName: 'Claire' },
    });
    expect(mailed.data.link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/mes-inscriptions\?token=[\w-]+\.[\w-]+$/);
    expect(new Date(mailed.data.expiresAt).getTime() - clock.now().getTime()).toBeGreaterThan(23 * HOUR_MS);
    expect(await linksMailedTo(unknown)).toEqual([]);

    for (let i = 0; i < 4; i++) expect((await askLink(known.email)).status).toBe(202);
    expect(await linksMailedTo(known.email)).toHaveLength(3);

    expect((await askLink('pas-une-adresse')).status).toBe(400);
    expect((await askLink(known.email, 'cpts-inconnue')).status).toBe(404);
  });

  it('opens the participant’s details and current registrations, each with a cancel link that works', async () => {
    const first = await publishedSession({ capacity: 1, startsInMinutes: 3 * 24 * 60 });
    const second = await publishedSession({ capacity: 1, startsInMinutes: 10 * 24 * 60 });
    const cancelledLater = await publishedSession({ startsInMinutes: 5 * 24 * 60 });
    const me = participant(undefined, { firstName: 'Inès', lastName: 'Durand', postcode: '25000' });
    await register(second, participant()); // takes the only seat: I am waitlisted there
    for (const sessionId of [first, second, cancelledLater])
      expect((await register(sessionId, me)).status).toBe(201);
    const token = await testbed.coordinator(tenant.tenantId);
    const [mine] = (
      await testbed.service.request('GET', `/v1/sessions/${cancelledLater}/registrations`, { token })
    ).body.filter((r: { email: string }) => r.email === me.email);
    expect(
      (await testbed.service.request('POST', `/v1/registrations/${mine.id}/cancel`, { token, body: {} }))
        .status,
    ).toBe(200);

    await askLink(me.email);
    const [mailed] = await linksMailedTo(me.email);
    const page = await own(tokenOf(mailed.data.link));

    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      tenantSlug: tenant.slug,
      participant: {
        email: me.email,
        firstName: 'Inès',
        lastName: 'Durand',
        profession: 'infirmier',
        practiceMode: 'liberal',
        postcode: '25000',
      },
    });
    expect(
      page.body.registrations.map(
        (r: { session: { id: string }; status: string; waitlistPosition?: number }) => [
          r.session.id,
          r.status,
          r.waitlistPosition,
        ],
      ),
    ).toEqual([
      [first, 'confirmed', undefined],
      [second, 'waitlisted', 1],
    ]);
    const cancelLink = page.body.registrations[1].links.cancel;
    expect(cancelLink).toMatch(new RegExp(`/inscriptions/${page.body.registrations[1].id}/annuler\\?token=`));
    const cancelled = await testbed.service.request(
      'POST',
      `/v1/public/registrations/${page.body.registrations[1].id}/cancel`,
      { body: { token: tokenOf(cancelLink) } },
    );
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled' } });
    expect((await own(tokenOf(mailed.data.link))).body.registrations).toHaveLength(1);
  });

  it('lets the participant correct their details with the link, and nobody without it', async () => {
    const sessionId = await publishedSession();
    const me = participant(undefined, { firstName: 'Jeanne', lastName: 'Faure' });
    await register(sessionId, me);
    await askLink(me.email);
    const accessToken = tokenOf((await linksMailedTo(me.email))[0].data.link);
    const correction = {
      firstName: 'Jeanne-Marie',
      lastName: 'Faure-Petit',
      profession: 'sage-femme',
      practiceMode: 'mixte',
      postcode: '39100',
    };

    const refused = await testbed.service.request('PUT', '/v1/public/participants/me', {
      body: { ...correction, postcode: '391', token: accessToken },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.fields.map((f: { path: string }) => f.path)).toEqual(['postcode']);
    const changed = await testbed.service.request('PUT', '/v1/public/participants/me', {
      body: { ...correction, token: accessToken },
    });
    expect(changed).toMatchObject({ status: 200, body: { ...correction, email: me.email } });

    const list = await testbed.service.request('GET', `/v1/sessions/${sessionId}/registrations`, {
      token: await testbed.coordinator(tenant.tenantId),
    });
    expect(list.body.find((r: { email: string }) => r.email === me.email)).toMatchObject({
      firstName: 'Jeanne-Marie',
      lastName: 'Faure-Petit',
    });

    // A participant link (here a cancel link) is not an access link, nor is anything forged.
    const [confirmed] = (await testbed.outboxEvents('registration.confirmed')).filter(
      (e) => e.data.sessionId === sessionId,
    );
    const cancelToken = tokenOf(confirmed.data.links.cancel);
    for (const token of [cancelToken, `${accessToken.slice(0, -2)}AA`]) {
      expect((await own(token)).status).toBe(403);
      expect(
        (
          await testbed.service.request('PUT', '/v1/public/participants/me', {
            body: { ...correction, token },
          })
        ).status,
      ).toBe(403);
    }
  });

  it('stops the link after 24 hours with a French message (410)', async () => {
    const sessionId = await publishedSession({ startsInMinutes: 30 * 24 * 60 });
    const me = participant();
    await register(sessionId, me);
    await askLink(me.email);
    const accessToken = tokenOf((await linksMailedTo(me.email))[0].data.link);
    expect((await own(accessToken)).status).toBe(200);

    clock.advance(24 * HOUR_MS + 60_000);
    const expired = await own(accessToken);
    expect(expired.status).toBe(410);
    expect(expired.body).toMatchObject({
      error: 'link_expired',
      message: expect.stringMatching(/^Ce lien a expiré : il fonctionne 24 heures/),
    });
  });
});
