import { v7 as uuidv7 } from 'uuid';
import { Role } from '@respire/tenancy';
import { SessionCompletionJob } from '../src/sessions/jobs/session-completion.job';
import {
  CatalogService,
  CatalogTopicReader,
  createTenantFixture,
  daysFromNow,
  expectStatus,
  RegistrationEvents,
  startCatalog,
  TenantFixture,
} from './catalog-harness';
import { waitFor } from '@respire/testing';

describe('catalog sessions (real PostgreSQL and Kafka)', () => {
  let catalog: CatalogService;
  let reader: CatalogTopicReader;
  let registrations: RegistrationEvents;
  let besancon: TenantFixture;

  beforeAll(async () => {
    catalog = await startCatalog();
    reader = new CatalogTopicReader(catalog);
    await reader.start();
    registrations = new RegistrationEvents(catalog);
    await registrations.start();
    besancon = await createTenantFixture(catalog, 'capacites-besancon');
  });

  afterAll(async () => {
    await reader?.stop();
    await registrations?.stop();
    await catalog?.close();
  });

  const as = (token: string) => ({
    post: (path: string, body?: unknown) => catalog.request('POST', path, { token, body }),
    patch: (path: string, body: unknown) => catalog.request('PATCH', path, { token, body }),
    get: (path: string) => catalog.request('GET', path, { token }),
  });

  let nextDay = 100;
  async function publishedSession(overrides: Record<string, unknown> = {}) {
    nextDay += 1;
    const session = await expectStatus(
      as(besancon.coordinator).post('/v1/sessions', {
        activityId: besancon.activityId,
        venueId: besancon.venueId,
        date: daysFromNow(nextDay),
        startTime: '18:30',
        endTime: '19:30',
        capacity: 12,
        ...overrides,
      }),
      201,
    );
    return expectStatus(as(besancon.coordinator).post(`/v1/sessions/${session.id}/publish`), 200);
  }

  it('reads a series of local dates in the tenant zone: 18:30 in Paris is 17:30Z in winter and 16:30Z in summer', async () => {
    const { sessions } = await expectStatus(
      as(besancon.coordinator).post('/v1/sessions/series', {
        activityId: besancon.activityId,
        venueId: besancon.venueId,
        dates: ['2026-04-30', '2026-03-19', '2026-10-22', '2026-11-05'],
        startTime: '18:30',
        endTime: '19:30',
        capacity: 15,
      }),
      201,
    );

    expect(sessions.map((s: { startsAt: string; endsAt: string }) => [s.startsAt, s.endsAt])).toEqual([
      ['2026-03-19T17:30:00.000Z', '2026-03-19T18:30:00.000Z'],
      ['2026-04-30T16:30:00.000Z', '2026-04-30T17:30:00.000Z'],
      ['2026-10-22T16:30:00.000Z', '2026-10-22T17:30:00.000Z'],
      ['2026-11-05T17:30:00.000Z', '2026-11-05T18:30:00.000Z'],
    ]);
    expect(
      sessions.every(
        (s: { localStartTime: string; localEndTime: string; status: string }) =>
          s.localStartTime === '18:30' && s.localEndTime === '19:30' && s.status === 'draft',
      ),
    ).toBe(true);
    expect(sessions[0]).toMatchObject({
      timezone: 'Europe/Paris',
      localDate: '2026-03-19',
      capacity: 15,
      venue: { name: 'Association Le Don du Souffle' },
    });

    const listed = await catalog.request('GET', '/v1/sessions?from=2026-03-01&to=2026-04-30', {
      token: besancon.coordinator,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.map((s: { localDate: string }) => s.localDate)).toEqual(['2026-03-19', '2026-04-30']);
    expect(listed.headers.get('x-total-count')).toBe('2');
  });

  it('refuses bad input with 400 naming the offending fields, never a 500', async () => {
    const published = await publishedSession();
    const base = {
      activityId: besancon.activityId,
      venueId: besancon.venueId,
      date: daysFromNow(40),
      startTime: '18:30',
      endTime: '19:30',
      capacity: 12,
    };
    const cases: [
      string,
      () => Promise<{ status: number; body: { fields?: { path: string }[] } }>,
      string,
    ][] = [
      [
        'end before start',
        () =>
          as(besancon.coordinator).post('/v1/sessions', { ...base, startTime: '19:30', endTime: '18:30' }),
        'endTime',
      ],
      [
        'capacity 0',
        () => as(besancon.coordinator).post('/v1/sessions', { ...base, capacity: 0 }),
        'capacity',
      ],
      [
        'a local time skipped by the spring change',
        () =>
          as(besancon.coordinator).post('/v1/sessions', {
            ...base,
            date: '2027-03-28',
            startTime: '02:30',
            endTime: '03:30',
          }),
        'startTime',
      ],
      [
        'a date that does not exist',
        () => as(besancon.coordinator).post('/v1/sessions', { ...base, date: '2027-02-30' }),
        'date',
      ],
      [
        'an unknown activity',
        () => as(besancon.coordinator).post('/v1/sessions', { ...base, activityId: uuidv7() }),
        'activityId',
      ],
      [
        'an unknown venue',
        () => as(besancon.coordinator).post('/v1/sessions', { ...base, venueId: uuidv7() }),
        'venueId',
      ],
      [
        'registration closing after the start',
        () =>
          as(besancon.coordinator).post('/v1/sessions', {
            ...base,
            registrationClosesAt: `${base.date}T23:00:00Z`,
          }),
        'registrationClosesAt',
      ],
      [
        'a series with a date twice',
        () =>
          as(besancon.coordinator).post('/v1/sessions/series', {
            ...base,
            date: undefined,
            dates: [daysFromNow(50), daysFromNow(51), daysFromNow(50)],
          }),
        'dates.2',
      ],
      [
        'a series ending before it starts',
        () =>
          as(besancon.coordinator).post('/v1/sessions/series', {
            ...base,
            date: undefined,
            dates: [daysFromNow(52)],
            endTime: '18:00',
          }),
        'endTime',
      ],
      [
        'a reschedule into the past',
        () => as(besancon.coordinator).patch(`/v1/sessions/${published.id}`, { date: daysFromNow(-3) }),
        'date',
      ],
      [
        'a reschedule to a skipped time',
        () =>
          as(besancon.coordinator).patch(`/v1/sessions/${published.id}`, {
            date: '2027-03-28',
            startTime: '02:00',
          }),
        'startTime',
      ],
      [
        'an unknown field',
        () => as(besancon.coordinator).patch(`/v1/sessions/${published.id}`, { colour: 'red' }),
        '(body)',
      ],
    ];
    for (const [what, call, field] of cases) {
      const response = await call();
      expect({ what, status: response.status }).toEqual({ what, status: 400 });
      expect({ what, fields: response.body.fields?.map((f) => f.path) }).toEqual({
        what,
        fields: expect.arrayContaining([field]),
      });
    }
    // Nothing moved.
    const after = await expectStatus(as(besancon.coordinator).get(`/v1/sessions/${published.id}`), 200);
    expect(after).toMatchObject({ startsAt: published.startsAt, sequence: 0 });
  });

  it('publishes, reschedules, resizes and cancels with each event exactly once, in order', async () => {
    const draft = await expectStatus(
      as(besancon.coordinator).post('/v1/sessions', {
        activityId: besancon.activityId,
        date: daysFromNow(20),
        startTime: '18:30',
        endTime: '19:30',
      }),
      201,
    );
    expect(draft).toMatchObject({
      status: 'draft',
      capacity: 15,
      venueId: besancon.venueId,
      facilitatorId: besancon.facilitatorId,
    });

    const published = await expectStatus(
      as(besancon.coordinator).post(`/v1/sessions/${draft.id}/publish`),
      200,
    );
    expect(published.status).toBe('published');
    await expectStatus(as(besancon.coordinator).post(`/v1/sessions/${draft.id}/publish`), 200); // a retry changes nothing
    const moved = await expectStatus(
      as(besancon.coordinator).patch(`/v1/sessions/${draft.id}`, {
        date: daysFromNow(21),
        startTime: '18:00',
        endTime: '19:00',
        venueId: besancon.otherVenueId,
      }),
      200,
    );
    expect(moved).toMatchObject({
      sequence: 1,
      localStartTime: '18:00',
      venue: { name: 'CaPaciTéS Besançon' },
    });
    await expectStatus(as(besancon.coordinator).patch(`/v1/sessions/${draft.id}`, { capacity: 20 }), 200);
    await expectStatus(as(besancon.coordinator).patch(`/v1/sessions/${draft.id}`, { capacity: 20 }), 200); // same capacity: no event
    const cancelled = await expectStatus(
      as(besancon.coordinator).post(`/v1/sessions/${draft.id}/cancel`, {
        reason: "L'intervenante est malade",
      }),
      200,
    );
    expect(cancelled).toMatchObject({ status: 'cancelled', cancellationReason: "L'intervenante est malade" });
    await expectStatus(as(besancon.coordinator).post(`/v1/sessions/${draft.id}/cancel`, {}), 200);

    const events = await reader.waitFor(draft.id, 4);
    expect(events.map((e) => e.type)).toEqual([
      'catalog.session.published',
      'catalog.session.rescheduled',
      'catalog.session.capacity-changed',
      'catalog.session.cancelled',
    ]);
    expect(events.every((e) => e.tenantId === besancon.id && e.source === 'catalog')).toBe(true);
    expect(events[0].data).toMatchObject({
      sessionId: draft.id,
      title: 'Cardio boxing',
      category: 'Énergie & Mouvement',
      startsAt: draft.startsAt,
      timezone: 'Europe/Paris',
      capacity: 15,
      venue: { id: besancon.venueId, name: 'Association Le Don du Souffle' },
      sequence: 0,
    });
    expect(events[1].data).toMatchObject({
      startsAt: moved.startsAt,
      venue: { id: besancon.otherVenueId },
      previous: { startsAt: draft.startsAt, venue: { id: besancon.venueId } },
      sequence: 1,
    });
    expect(events[2].data).toEqual({ sessionId: draft.id, previousCapacity: 15, capacity: 20 });
    expect(events[3].data).toEqual({ sessionId: draft.id, reason: "L'intervenante est malade" });

    // A cancelled session stays cancelled.
    const republish = await as(besancon.coordinator).post(`/v1/sessions/${draft.id}/publish`);
    expect(republish.status).toBe(409);
  });

  it('keeps seats held from registration events: places left follow them and capacity cannot drop below them', async () => {
    const session = await publishedSession({ capacity: 3 });
    const first = await registrations.confirmed(besancon.id, session.id);
    const second = await registrations.confirmed(besancon.id, session.id);
    await registrations.offered(besancon.id, session.id);
    // A redelivered event (same id) counts once.
    await registrations.resend(second);
    const full = await waitFor(
      () => expectStatus(as(besancon.coordinator).get(`/v1/sessions/${session.id}`), 200),
      (s) => s.seatsTaken === 3,
      { what: 'three seats held' },
    );
    expect(full.placesLeft).toBe(0);

    const refused = await as(besancon.coordinator).patch(`/v1/sessions/${session.id}`, { capacity: 2 });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      error: 'capacity_below_seats_taken',
      details: { capacity: 2, seatsTaken: 3 },
    });
    expect(refused.body.message).toContain('3 places sont déjà attribuées');

    const publicList = await catalog.request('GET', `/v1/public/tenants/${besancon.slug}/sessions`);
    expect(publicList.body.find((s: { id: string }) => s.id === session.id)).toMatchObject({
      capacity: 3,
      placesLeft: 0,
    });

    await registrations.cancelled(
      besancon.id,
      session.id,
      (first.data as { registrationId: string }).registrationId,
    );
    await waitFor(
      () => expectStatus(as(besancon.coordinator).get(`/v1/sessions/${session.id}`), 200),
      (s) => s.seatsTaken === 2,
      { what: 'a seat freed' },
    );
    const resized = await expectStatus(
      as(besancon.coordinator).patch(`/v1/sessions/${session.id}`, { capacity: 2 }),
      200,
    );
    expect(resized).toMatchObject({ capacity: 2, seatsTaken: 2, placesLeft: 0 });
    const raised = await expectStatus(
      as(besancon.coordinator).patch(`/v1/sessions/${session.id}`, { capacity: 6 }),
      200,
    );
    expect(raised.placesLeft).toBe(4);
  });

  it('lists cancelled sessions in the public programme only when asked (a calendar feed), never a discarded draft, with the move counter', async () => {
    const moved = await publishedSession();
    const cancelled = await publishedSession();
    const draft = await expectStatus(
      as(besancon.coordinator).post('/v1/sessions', {
        activityId: besancon.activityId,
        venueId: besancon.venueId,
        date: daysFromNow(nextDay + 1),
        startTime: '18:30',
        endTime: '19:30',
        capacity: 5,
      }),
      201,
    );
    await expectStatus(
      as(besancon.coordinator).patch(`/v1/sessions/${moved.id}`, { startTime: '19:00', endTime: '20:00' }),
      200,
    );
    await expectStatus(
      as(besancon.coordinator).post(`/v1/sessions/${cancelled.id}/cancel`, { reason: 'Intervenante malade' }),
      200,
    );
    await expectStatus(as(besancon.coordinator).post(`/v1/sessions/${draft.id}/cancel`, {}), 200);

    const ids = (list: { id: string }[]) => list.map((s) => s.id);
    const plain = await expectStatus(
      catalog.request('GET', `/v1/public/tenants/${besancon.slug}/sessions`),
      200,
    );
    expect(ids(plain)).toContain(moved.id);
    expect(ids(plain)).not.toContain(cancelled.id);
    const withCancelled = await expectStatus(
      catalog.request('GET', `/v1/public/tenants/${besancon.slug}/sessions?cancelled=include`),
      200,
    );
    expect(withCancelled.find((s: { id: string }) => s.id === cancelled.id)).toMatchObject({
      status: 'cancelled',
      registrationOpen: false,
    });
    expect(withCancelled.find((s: { id: string }) => s.id === moved.id)).toMatchObject({
      status: 'published',
      sequence: 1,
      localStartTime: '19:00',
    });
    expect(ids(withCancelled)).not.toContain(draft.id);
    expect(
      (await catalog.request('GET', `/v1/public/tenants/${besancon.slug}/sessions?cancelled=yes`)).status,
    ).toBe(400);
  });

  it('completes published sessions past their end once, with catalog.session.completed, however many sweeps run', async () => {
    const past = await publishedSession({ date: daysFromNow(-2) });
    const future = await publishedSession({ date: daysFromNow(60) });
    const job = catalog.app.get(SessionCompletionJob);

    const runs = await Promise.all([job.runOnce(), job.runOnce(), job.runOnce()]);
    await job.runOnce();

    expect(runs.filter((n) => n !== null && n > 0)).toHaveLength(1); // one sweeper did the work
    expect(await expectStatus(as(besancon.coordinator).get(`/v1/sessions/${past.id}`), 200)).toMatchObject({
      status: 'completed',
    });
    expect(await expectStatus(as(besancon.coordinator).get(`/v1/sessions/${future.id}`), 200)).toMatchObject({
      status: 'published',
    });
    const events = await reader.waitFor(past.id, 2);
    expect(events.map((e) => e.type)).toEqual(['catalog.session.published', 'catalog.session.completed']);

    const early = await as(besancon.coordinator).post(`/v1/sessions/${future.id}/complete`);
    expect(early.status).toBe(409);
  });

  it('imports a programme from CSV: a dry run lists errors by line and writes nothing; a clean file creates its sessions', async () => {
    const path = `/v1/programmes/${besancon.programmeId}/import`;
    const badFile = [
      'activité;catégorie;date;début;fin;lieu;capacité',
      'Pilates & respiration;Énergie & Mouvement;14/01/2027;18h30;19h30;Association Le Don du Souffle;15',
      'Pilates & respiration;Énergie & Mouvement;31/02/2027;18h30;19h30;Association Le Don du Souffle;15',
      'Stretching;Énergie & Mouvement;21/01/2027;19h30;18h30;Salle inconnue;0',
      'Cardio boxing;Gestion des Émotions;28/03/2027;02h30;03h30;Association Le Don du Souffle;15',
    ].join('\n');
    const dry = await fetch(`${catalog.baseUrl}${path}?dryRun=true`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${besancon.coordinator}` },
      body: badFile,
    });
    const report = (await dry.json()) as { errors: { line: number; field: string }[] };
    expect(dry.status).toBe(200);
    expect(report).toMatchObject({ dryRun: true, valid: false, lines: 4 });
    expect(report.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([
      [3, 'date'],
      [4, 'end'],
      [4, 'capacity'],
      [5, 'category'],
      [5, 'start'],
    ]);
    const refused = await catalog.request('POST', path, {
      token: besancon.coordinator,
      body: { csv: badFile },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('import_invalid');

    const goodFile = [
      'activity,category,date,start,end,venue,capacity',
      'Pilates & respiration,Énergie & Mouvement,2027-01-14,18:30,19:30,Association Le Don du Souffle,15',
      'Pilates & respiration,Énergie & Mouvement,2027-02-11,18:30,19:30,Association Le Don du Souffle,15',
      'Gestion des Émotions,Gestion des Émotions,2027-01-18,18:00,19:00,association le don du souffle,12',
    ].join('\n');
    const done = await expectStatus(
      catalog.request('POST', `${path}?publish=true`, {
        token: besancon.coordinator,
        body: { csv: goodFile },
      }),
      201,
    );
    expect(done).toMatchObject({
      valid: true,
      lines: 3,
      activitiesToCreate: [{ title: 'Pilates & respiration' }, { title: 'Gestion des Émotions' }],
    });
    expect(done.sessions.every((s: { id: string | null }) => s.id)).toBe(true);
    const pilates = await expectStatus(
      as(besancon.coordinator).get(`/v1/sessions/${done.sessions[1].id}`),
      200,
    );
    expect(pilates).toMatchObject({
      status: 'published',
      localDate: '2027-02-11',
      localStartTime: '18:30',
      startsAt: '2027-02-11T17:30:00.000Z',
    });

    const again = await fetch(`${catalog.baseUrl}${path}?dryRun=1`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${besancon.coordinator}` },
      body: goodFile,
    });
    const twice = (await again.json()) as { valid: boolean; errors: { line: number }[] };
    expect(twice.valid).toBe(false);
    expect(twice.errors.map((e: { line: number }) => e.line)).toEqual([2, 3, 4]);
  });

  it('onboards a tenant with defaults, publishes its settings whole on change, and refuses a taken slug', async () => {
    const admin = await catalog.token(Role.PlatformAdmin);
    const tenant = await expectStatus(
      catalog.request('POST', '/v1/tenants', {
        token: admin,
        body: { slug: 'cpts-adour', name: "CPTS de l'Adour" },
      }),
      201,
    );
    expect(tenant).toMatchObject({
      slug: 'cpts-adour',
      timezone: 'Europe/Paris',
      locale: 'fr',
      reminderOffsetsMinutes: [2880, 180],
      waitlist: { mode: 'offer', offerTtlMinutes: 1440 },
    });
    expect(tenant.listeningLines.map((l: { phone: string }) => l.phone)).toEqual([
      '0805 23 23 36',
      '0608 282 589',
    ]);

    const coordinator = await catalog.token(Role.Coordinator, tenant.id);
    const changed = await expectStatus(
      catalog.request('PATCH', `/v1/tenants/${tenant.id}`, {
        token: coordinator,
        body: { waitlist: { mode: 'auto-confirm' }, reminderOffsetsMinutes: [60, 2880] },
      }),
      200,
    );
    expect(changed).toMatchObject({
      waitlist: { mode: 'auto-confirm', offerTtlMinutes: 1440 },
      reminderOffsetsMinutes: [2880, 60],
    });
    await expectStatus(
      catalog.request('PATCH', `/v1/tenants/${tenant.id}`, {
        token: coordinator,
        body: { waitlist: { mode: 'auto-confirm' } },
      }),
      200,
    );

    const events = await reader.waitFor(tenant.id, 2);
    expect(events.map((e) => e.type)).toEqual(['catalog.tenant.created', 'catalog.tenant.settings-changed']);
    expect(events[1].data).toMatchObject({
      tenantId: tenant.id,
      name: "CPTS de l'Adour",
      waitlist: { mode: 'auto-confirm' },
      reminderOffsetsMinutes: [2880, 60],
    });

    const taken = await catalog.request('POST', '/v1/tenants', {
      token: admin,
      body: { slug: 'cpts-adour', name: 'Autre' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toBe('tenant_slug_taken');
    const badZone = await catalog.request('POST', '/v1/tenants', {
      token: admin,
      body: { slug: 'cpts-mars', name: 'Mars', timezone: 'Mars/Olympus' },
    });
    expect(badZone.status).toBe(400);
    expect(badZone.body.fields.map((f: { path: string }) => f.path)).toEqual(['timezone']);
    const byCoordinator = await catalog.request('POST', '/v1/tenants', {
      token: coordinator,
      body: { slug: 'cpts-x', name: 'X' },
    });
    expect(byCoordinator.status).toBe(403);
  });
});
