import { v7 as uuidv7 } from 'uuid';
import { Role } from '@respire/tenancy';
import { newTenant, participant, sessionPublished, tokenOf, useRegistration } from './support';

describe('registration service: registering, the waitlist, links, attendance and feedback (real PostgreSQL, Kafka, Redis)', () => {
  const tenant = newTenant();
  let token: string;

  const testbed = useRegistration({}, tenant);

  beforeAll(async () => {
    token = await testbed.coordinator(tenant.tenantId);
  });

  const publishedSession = (overrides: Parameters<typeof sessionPublished>[1] = {}) =>
    testbed.publishSession(tenant.tenantId, overrides);

  function register(
    sessionId: string,
    body: unknown,
    headers: Record<string, string> = {},
    slug = tenant.slug,
  ) {
    return testbed.service.request('POST', `/v1/public/tenants/${slug}/sessions/${sessionId}/registrations`, {
      body,
      headers,
    });
  }

  it('answers 404 on the coordinator list until the session is known, then lists it', async () => {
    const event = sessionPublished(tenant.tenantId);
    const before = await testbed.service.request(
      'GET',
      `/v1/sessions/${event.data.sessionId}/registrations`,
      {
        token,
      },
    );
    expect(before.status).toBe(404);

    await testbed.feed.publish(event);
    await testbed.waitForSession(tenant.tenantId, event.data.sessionId);
    const after = await testbed.service.request('GET', `/v1/sessions/${event.data.sessionId}/registrations`, {
      token,
    });
    expect(after).toMatchObject({ status: 200, body: [] });
  });

  it('confirms while seats are free, then waitlists with positions', async () => {
    const sessionId = await publishedSession({ capacity: 2 });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await register(sessionId, participant()));

    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(answers.map((a) => [a.body.status, a.body.waitlistPosition])).toEqual([
      ['confirmed', undefined],
      ['confirmed', undefined],
      ['waitlisted', 1],
      ['waitlisted', 2],
    ]);
    const list = await testbed.service.request('GET', `/v1/sessions/${sessionId}/registrations`, { token });
    expect(
      list.body.map((r: { status: string; waitlistPosition?: number }) => [r.status, r.waitlistPosition]),
    ).toEqual([
      ['confirmed', undefined],
      ['confirmed', undefined],
      ['waitlisted', 1],
      ['waitlisted', 2],
    ]);
    const confirmed = await testbed.outboxEvents('registration.confirmed');
    const mine = confirmed.filter((e) => e.data.sessionId === sessionId);
    expect(mine).toHaveLength(2);
    expect(mine[0].data).toMatchObject({
      via: 'direct',
      department: '25',
      session: { title: 'Pilates & respiration' },
    });
    expect(mine[0].data.links.cancel).toMatch(
      new RegExp(`^http://127.0.0.1:3000/inscriptions/${mine[0].data.registrationId}/annuler\\?token=`),
    );
  });

  it('refuses bad input with 400 naming each field, in French', async () => {
    const sessionId = await publishedSession();
    const response = await register(sessionId, {
      email: 'pas-un-email',
      firstName: 'x'.repeat(101),
      lastName: 'Martin',
      profession: 'astronaute',
      practiceMode: 'liberal',
      postcode: '2500',
      rpps: '10003456789',
      consents: { dataProcessing: false },
    });

    expect(response.status).toBe(400);
    expect(response.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(
      ['consents.dataProcessing', 'email', 'firstName', 'postcode', 'profession', 'rpps'].sort(),
    );
    expect(response.body.fields.find((f: { path: string }) => f.path === 'email').message).toBe(
      'Adresse e-mail invalide',
    );
  });

  it('accepts a valid RPPS number and a mixed-case email, normalised', async () => {
    const sessionId = await publishedSession();
    const response = await register(
      sessionId,
      participant(undefined, { email: '  Claire.DUPONT@Example.org ', rpps: '1000 345 6786' }),
    );
    expect(response.status).toBe(201);

    const list = await testbed.service.request('GET', `/v1/sessions/${sessionId}/registrations`, { token });
    expect(list.body.map((r: { email: string }) => r.email)).toContain('claire.dupont@example.org');
  });

  it('answers a second registration of the same address as it answers a newcomer, changes nothing, and mails the owner their status', async () => {
    const sessionId = await publishedSession({ capacity: 1 });
    const owner = participant(undefined, { firstName: 'Claire', lastName: 'Dupont', postcode: '25000' });
    const first = await register(sessionId, owner);
    expect(first).toMatchObject({ status: 201, body: { status: 'confirmed' } });

    // The session is now full: a newcomer and the same address get the same kind of answer.
    const newcomer = await register(sessionId, participant());
    const impostor = await register(sessionId, {
      ...owner,
      firstName: 'Mallory',
      lastName: 'Imposteur',
      postcode: '75001',
    });
    expect(impostor.status).toBe(newcomer.status);
    expect(Object.keys(impostor.body).sort()).toEqual(Object.keys(newcomer.body).sort());
    expect(impostor.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    expect(impostor.body.id).not.toBe(first.body.id);

    const list = await testbed.service.request('GET', `/v1/sessions/${sessionId}/registrations`, { token });
    const theirs = list.body.filter((r: { email: string }) => r.email === owner.email);
    expect(theirs).toEqual([
      expect.objectContaining({
        id: first.body.id,
        status: 'confirmed',
        firstName: 'Claire',
        lastName: 'Dupont',
        postcode: '25000',
      }),
    ]);
    const [told] = (await testbed.outboxEvents('registration.repeat-requested')).filter(
      (e) => e.data.sessionId === sessionId,
    );
    expect(told.data).toMatchObject({
      registrationId: first.body.id,
      email: owner.email,
      firstName: 'Claire',
      status: 'confirmed',
      position: null,
    });
  });

  it('answers 404 for an unknown tenant or session, and refuses cancelled, past, closed and ineligible sessions', async () => {
    const sessionId = await publishedSession();
    expect((await register(sessionId, participant(), {}, 'cpts-inconnue')).body).toMatchObject({
      error: 'tenant_not_found',
    });
    expect(await register(uuidv7(), participant())).toMatchObject({
      status: 404,
      body: { error: 'session_not_found' },
    });

    const reserved = await publishedSession({ eligibleProfessions: ['medecin', 'sage-femme'] });
    expect(await register(reserved, participant())).toMatchObject({
      status: 403,
      body: {
        error: 'profession_not_eligible',
        message: 'Cette séance est réservée aux professions suivantes : médecins, sages-femmes.',
      },
    });
    const closed = await publishedSession({
      registrationClosesAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect((await register(closed, participant())).body).toMatchObject({ error: 'registration_closed' });
    const notYet = await publishedSession({
      registrationOpensAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect((await register(notYet, participant())).body).toMatchObject({ error: 'registration_not_open' });
    const past = await publishedSession({ startsInMinutes: -120 });
    expect(await register(past, participant())).toMatchObject({
      status: 409,
      body: { error: 'session_past' },
    });
  });

  it('registers to several sessions in one request, each confirmed, waitlisted or refused on its own, idempotently', async () => {
    const free = await publishedSession({ capacity: 5 });
    const full = await publishedSession({ capacity: 1 });
    const closed = await publishedSession({
      registrationClosesAt: new Date(Date.now() - 60_000).toISOString(),
    });
    await register(full, participant());
    const form = { ...participant(), sessionIds: [free, full, closed] };
    const headers = { 'Idempotency-Key': `many-${uuidv7()}` };
    const many = (body: unknown) =>
      testbed.service.request('POST', `/v1/public/tenants/${tenant.slug}/registrations`, { body, headers });

    const first = await many(form);
    expect(first.status).toBe(201);
    expect(first.body.registrations).toEqual([
      { id: expect.any(String), sessionId: free, status: 'confirmed' },
      { id: expect.any(String), sessionId: full, status: 'waitlisted', waitlistPosition: 1 },
      {
        sessionId: closed,
        status: 'refused',
        error: 'registration_closed',
        message: expect.stringContaining('closes'),
      },
    ]);
    const retried = await many(form);
    expect(retried.body).toEqual(first.body);
    const list = await testbed.service.request('GET', `/v1/sessions/${full}/registrations`, { token });
    expect(list.body.filter((r: { email: string }) => r.email === form.email)).toHaveLength(1);

    const invalid = await testbed.service.request('POST', `/v1/public/tenants/${tenant.slug}/registrations`, {
      body: { ...participant(), sessionIds: [] },
    });
    expect(invalid).toMatchObject({
      status: 400,
      body: { fields: [{ path: 'sessionIds', message: 'Choisissez au moins une date' }] },
    });
  });

  it('answers a retried request with the same Idempotency-Key with the first answer, once', async () => {
    const sessionId = await publishedSession({ capacity: 1 });
    await register(sessionId, participant());
    const form = participant();
    const headers = { 'Idempotency-Key': `retry-${uuidv7()}` };

    const first = await register(sessionId, form, headers);
    const second = await register(sessionId, form, headers);

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(first.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const list = await testbed.service.request('GET', `/v1/sessions/${sessionId}/registrations`, { token });
    expect(list.body.filter((r: { email: string }) => r.email === form.email)).toHaveLength(1);

    const other = await register(sessionId, participant(), headers);
    expect(other).toMatchObject({ status: 422, body: { error: 'idempotency_key_reused' } });
  });

  it('lets a participant cancel with their link: 403 for a wrong or foreign token, 410 once used', async () => {
    const sessionId = await publishedSession();
    const mine = await register(sessionId, participant());
    const theirs = await register(sessionId, participant());
    const events = await testbed.outboxEvents('registration.confirmed');
    const link = events.find((e) => e.data.registrationId === mine.body.id)!.data.links.cancel as string;
    const theirLink = events.find((e) => e.data.registrationId === theirs.body.id)!.data.links
      .cancel as string;
    const cancel = (body: unknown, query = '') =>
      testbed.service.request('POST', `/v1/public/registrations/${mine.body.id}/cancel${query}`, { body });

    expect(await cancel({ token: 'forged.token' })).toMatchObject({
      status: 403,
      body: { error: 'invalid_link' },
    });
    expect(await cancel({ token: tokenOf(theirLink) })).toMatchObject({
      status: 403,
      body: { error: 'link_mismatch' },
    });
    expect(await cancel({})).toMatchObject({ status: 400, body: { fields: [{ path: 'token' }] } });

    const done = await cancel(undefined, `?token=${tokenOf(link)}`);
    expect(done).toMatchObject({ status: 200, body: { id: mine.body.id, status: 'cancelled' } });
    expect(await cancel({ token: tokenOf(link) })).toMatchObject({
      status: 410,
      body: { error: 'link_used', message: 'Cette inscription est déjà annulée.' },
    });
    const cancelled = await testbed.eventOf('registration.cancelled', mine.body.id);
    expect(cancelled.data).toMatchObject({
      by: 'participant',
      previousStatus: 'confirmed',
      lateCancellation: false,
    });

    const shown = await testbed.service.request(
      'GET',
      `/v1/public/registrations/${mine.body.id}?token=${tokenOf(link)}`,
    );
    expect(shown).toMatchObject({
      status: 200,
      body: { id: mine.body.id, status: 'cancelled', tenantSlug: tenant.slug, session: { id: sessionId } },
    });
    expect(
      await testbed.service.request(
        'GET',
        `/v1/public/registrations/${theirs.body.id}?token=${tokenOf(link)}`,
      ),
    ).toMatchObject({ status: 403 });
    // A link mailed before the web app served the pages now opens its page there.
    const legacy = await fetch(
      `${testbed.service.baseUrl}/v1/public/registrations/${mine.body.id}/cancel?token=${tokenOf(link)}`,
      { redirect: 'manual' },
    );
    expect(legacy.status).toBe(302);
    expect(legacy.headers.get('location')).toBe(
      `http://127.0.0.1:3000/inscriptions/${mine.body.id}/annuler?token=${tokenOf(link)}`,
    );
  });

  it('lets a coordinator cancel on behalf, and move someone to another session in one step', async () => {
    const from = await publishedSession();
    const to = await publishedSession({ capacity: 1 });
    const a = await register(from, participant());
    const b = await register(from, participant());

    const cancelled = await testbed.service.request('POST', `/v1/registrations/${a.body.id}/cancel`, {
      token,
      body: { reason: 'Demande par téléphone' },
    });
    expect(cancelled).toMatchObject({ status: 200, body: { id: a.body.id, status: 'cancelled' } });

    const moved = await testbed.service.request('POST', `/v1/registrations/${b.body.id}/move`, {
      token,
      body: { sessionId: to },
    });
    expect(moved).toMatchObject({
      status: 200,
      body: { cancelled: { id: b.body.id }, registration: { sessionId: to, status: 'confirmed' } },
    });

    const c = await register(from, participant());
    const refused = await testbed.service.request('POST', `/v1/registrations/${c.body.id}/move`, {
      token,
      body: { sessionId: to },
    });
    expect(refused).toMatchObject({ status: 409, body: { error: 'target_session_full' } });
    const stillThere = await testbed.service.request('GET', `/v1/sessions/${from}/registrations`, { token });
    expect(stillThere.body.find((r: { id: string }) => r.id === c.body.id).status).toBe('confirmed');

    const otherTenant = await testbed.service.token(Role.Coordinator, uuidv7());
    expect(
      (await testbed.service.request('POST', `/v1/registrations/${c.body.id}/cancel`, { token: otherTenant }))
        .status,
    ).toBe(404);
    expect(
      (await testbed.service.request('GET', `/v1/sessions/${from}/registrations`, { token: otherTenant }))
        .status,
    ).toBe(404);
  });

  it('takes attendance (facilitator of the session only), then takes feedback once, stored without identity', async () => {
    const facilitatorId = uuidv7();
    const sessionId = await publishedSession({ startsInMinutes: 30, facilitatorId });
    const came = await register(sessionId, participant());
    const absent = await register(sessionId, participant());
    const facilitator = await testbed.service.token(Role.Facilitator, tenant.tenantId, facilitatorId);
    const stranger = await testbed.service.token(Role.Facilitator, tenant.tenantId, uuidv7());
    const attendance = (t: string, registrationId: string, attended: boolean) =>
      testbed.service.request('POST', `/v1/sessions/${sessionId}/attendance`, {
        token: t,
        body: { registrationId, attended },
      });

    expect((await attendance(stranger, came.body.id, true)).status).toBe(403);
    expect(await attendance(facilitator, came.body.id, true)).toMatchObject({
      status: 200,
      body: { status: 'attended', changed: true },
    });
    expect(await attendance(facilitator, came.body.id, true)).toMatchObject({
      status: 200,
      body: { changed: false },
    });
    expect(await attendance(facilitator, absent.body.id, false)).toMatchObject({
      status: 200,
      body: { status: 'no_show' },
    });
    // Taking attendance never frees a seat for a latecomer.
    expect(
      (await testbed.service.request('GET', `/v1/sessions/${sessionId}/seats`, { token: facilitator })).body,
    ).toMatchObject({
      capacity: 10,
      seatsHeld: 2,
      attended: 1,
      noShow: 1,
    });

    const attendedEvent = (await testbed.outboxEvents('registration.attended')).find(
      (e) => e.data.registrationId === came.body.id,
    )!;
    const feedbackToken = tokenOf(attendedEvent.data.links.feedback);
    const feedback = (id: string, t: string, body: Record<string, unknown> = {}) =>
      testbed.service.request('POST', `/v1/public/registrations/${id}/feedback`, {
        body: { token: t, rating: 5, comment: 'On repart moins stressé.', quoteConsent: true, ...body },
      });

    expect((await feedback(came.body.id, feedbackToken, { rating: 6 })).body.fields[0].path).toBe('rating');
    expect(await feedback(came.body.id, feedbackToken)).toMatchObject({
      status: 200,
      body: { received: true },
    });
    expect(await feedback(came.body.id, feedbackToken)).toMatchObject({
      status: 410,
      body: { error: 'feedback_already_given' },
    });

    // Kept sealed until released in a batch (feedback-anonymity.int-spec.ts): no event yet.
    expect(
      (await testbed.outboxEvents('registration.feedback-submitted')).filter(
        (e) => e.data.sessionId === sessionId,
      ),
    ).toEqual([]);
  });

  it('documents its routes in OpenAPI, counts registrations in /metrics and reports ready', async () => {
    const docs = await testbed.service.request('GET', '/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/public/tenants/{slug}/sessions/{sessionId}/registrations',
        '/v1/public/registrations/{id}/cancel',
        '/v1/public/registrations/{id}/accept',
        '/v1/public/registrations/{id}/feedback',
        '/v1/sessions/{sessionId}/registrations',
        '/v1/sessions/{sessionId}/attendance',
        '/v1/registrations/{id}/cancel',
      ]),
    );
    const metrics = await testbed.service.request('GET', '/metrics');
    expect(metrics.body).toMatch(/respire_registrations_total\{[^}]*outcome="confirmed"[^}]*\} \d+/);
    expect((await testbed.service.request('GET', '/health/ready')).status).toBe(200);
  });
});
