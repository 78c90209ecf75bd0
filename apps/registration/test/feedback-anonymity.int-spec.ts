import { DateTime } from 'luxon';
import { v7 as uuidv7 } from 'uuid';
import { Role } from '@respire/tenancy';
import { ScaledClock } from '@respire/platform';
import { ReleaseFeedbackUseCase } from '../src/registrations/use-cases/release-feedback/release-feedback.use-case';
import { newTenant, ownerData, participant, sessionPublished, tokenOf, useRegistration } from './support';

const DAY_MS = 24 * 3600_000;

/**
 * "Enregistré sans votre nom": with the whole database in hand (rows, transaction ids, row
 * locks, insertion order, events), nothing ties a feedback to the registration that gave it.
 */
describe('feedback kept apart from who gave it (real PostgreSQL)', () => {
  let release: () => Promise<number>;
  const clock = new ScaledClock(1);
  const tenant = newTenant();

  // The test releases batches itself: the worker's own sweep stays out of the way.
  const testbed = useRegistration(
    { clock, extraEnv: { REGISTRATION_SWEEP_INTERVAL_SECONDS: '3600' } },
    tenant,
  );

  beforeAll(async () => {
    release = () => testbed.service.app.get(ReleaseFeedbackUseCase).execute(tenant.tenantId);
  });

  /** A held session whose `n` participants attended; their feedback links. */
  let timezone = 'Europe/Paris';

  async function attendedSession(n: number) {
    const facilitatorId = uuidv7();
    const event = sessionPublished(tenant.tenantId, { startsInMinutes: 30, facilitatorId, now: clock.now() });
    await testbed.feed.publish(event);
    const sessionId = event.data.sessionId;
    timezone = event.data.timezone;
    await testbed.waitForSession(tenant.tenantId, sessionId);
    const facilitator = await testbed.service.token(Role.Facilitator, tenant.tenantId, facilitatorId);
    const people: { registrationId: string; token: string }[] = [];
    for (let i = 0; i < n; i++) {
      const registered = await testbed.service.request(
        'POST',
        `/v1/public/tenants/${tenant.slug}/sessions/${sessionId}/registrations`,
        { body: participant() },
      );
      const attended = await testbed.service.request('POST', `/v1/sessions/${sessionId}/attendance`, {
        token: facilitator,
        body: { registrationId: registered.body.id, attended: true },
      });
      expect(attended.status).toBe(200);
      const attendedEvent = await testbed.eventOf('registration.attended', registered.body.id);
      people.push({ registrationId: registered.body.id, token: tokenOf(attendedEvent.data.links.feedback) });
    }
    return { sessionId, people };
  }

  const give = (
    who: { registrationId: string; token: string },
    rating: number,
    comment: string | null = null,
  ) =>
    testbed.service.request('POST', `/v1/public/registrations/${who.registrationId}/feedback`, {
      body: { token: who.token, rating, comment, quoteConsent: comment !== null },
    });

  const rows = async (sql: string, params: unknown[]) =>
    (await ownerData(testbed.service)).query(sql, params);
  const registrationVersions = (sessionId: string) =>
    rows(
      `SELECT id, xmin::text AS xmin, xmax::text AS xmax FROM registration WHERE tenant_id = $1 AND session_id = $2 ORDER BY id`,
      [tenant.tenantId, sessionId],
    );
  const feedbackRows = (sessionId: string) =>
    rows(
      `SELECT id, rating, comment, to_char(submitted_on, 'YYYY-MM-DD') AS day, xmin::text AS xmin FROM feedback WHERE tenant_id = $1 AND session_id = $2`,
      [tenant.tenantId, sessionId],
    );

  it('writes nothing next to the registration, then releases a batch of three, in one transaction of its own, dated by day', async () => {
    const { sessionId, people } = await attendedSession(4);
    const before = await registrationVersions(sessionId);

    expect(await give(people[0], 5, 'On repart moins stressé.')).toMatchObject({
      status: 200,
      body: { received: true },
    });
    expect(await give(people[1], 2)).toMatchObject({ status: 200 });
    expect(await give(people[1], 2)).toMatchObject({
      status: 410,
      body: { error: 'feedback_already_given' },
    });

    // The registrations were neither written nor locked (a row lock leaves its transaction id in xmax).
    expect(await registrationVersions(sessionId)).toEqual(before);
    // Nothing readable yet: the feedback waits sealed, with no event.
    expect(await feedbackRows(sessionId)).toEqual([]);
    const pending = await rows(
      `SELECT sealed, xmin::text AS xmin FROM feedback_pending WHERE tenant_id = $1 AND session_id = $2`,
      [tenant.tenantId, sessionId],
    );
    expect(pending).toHaveLength(2);
    for (const p of pending) expect(p.sealed.toString('latin1')).not.toContain('stressé');
    expect(
      (await testbed.outboxEvents('registration.feedback-submitted')).filter(
        (e) => e.data.sessionId === sessionId,
      ),
    ).toEqual([]);

    // Two could each be told apart by when they were given: they wait for a third.
    await release();
    expect(await feedbackRows(sessionId)).toEqual([]);

    expect(await give(people[2], 4)).toMatchObject({ status: 200 });
    await release();
    const released = await feedbackRows(sessionId);
    expect(released.map((f: { rating: number }) => f.rating).sort()).toEqual([2, 4, 5]);
    expect(await rows(`SELECT 1 FROM feedback_pending WHERE tenant_id = $1`, [tenant.tenantId])).toEqual([]);

    // One transaction for the whole batch, shared with nothing a registration or a mark holds.
    const batchXmins = new Set(released.map((f: { xmin: string }) => f.xmin));
    expect(batchXmins.size).toBe(1);
    const marks = await rows(
      `SELECT mark, xmin::text AS xmin FROM feedback_given_mark WHERE tenant_id = $1`,
      [tenant.tenantId],
    );
    const registrations = await registrationVersions(sessionId);
    const elsewhere = new Set([
      ...registrations.flatMap((r: { xmin: string; xmax: string }) => [r.xmin, r.xmax]),
      ...marks.map((m: { xmin: string }) => m.xmin),
      ...pending.map((p: { xmin: string }) => p.xmin),
    ]);
    expect([...batchXmins].filter((x) => elsewhere.has(x))).toEqual([]);
    // The day of the release, random ids; marks that do not spell a registration id.
    expect(new Set(released.map((f: { day: string }) => f.day))).toEqual(
      new Set([DateTime.fromJSDate(clock.now()).setZone(timezone).toISODate()]),
    );
    for (const f of released) expect(f.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    for (const m of marks)
      for (const p of people)
        expect(m.mark.toString('hex')).not.toContain(p.registrationId.replace(/-/g, '').slice(-12));

    // Their events: same instant, nothing about who; none shares a transaction with a registration.
    const events = (await testbed.outboxEvents('registration.feedback-submitted')).filter(
      (e) => e.data.sessionId === sessionId,
    );
    expect(events).toHaveLength(3);
    expect(new Set(events.map((e) => e.occurredAt)).size).toBe(1);
    for (const p of people) expect(JSON.stringify(events)).not.toContain(p.registrationId);
    const outboxXmins = await rows(
      `SELECT DISTINCT xmin::text AS xmin FROM outbox WHERE type = 'registration.feedback-submitted' AND payload->'data'->>'sessionId' = $1`,
      [sessionId],
    );
    // (the relay rewrites an outbox row when it marks it published, hence its own xmin)
    expect(outboxXmins.map((r: { xmin: string }) => r.xmin).filter((x: string) => elsewhere.has(x))).toEqual(
      [],
    );

    // The coordinator's list does not say who gave feedback either.
    const coordinator = await testbed.service.token(Role.Coordinator, tenant.tenantId);
    const list = await testbed.service.request('GET', `/v1/sessions/${sessionId}/registrations`, {
      token: coordinator,
    });
    for (const item of list.body) expect(item).not.toHaveProperty('feedbackGiven');
  });

  it('releases a session’s last feedback alone only once its window has closed', async () => {
    const { sessionId, people } = await attendedSession(1);
    expect(await give(people[0], 3)).toMatchObject({ status: 200 });

    await release();
    expect(await feedbackRows(sessionId)).toEqual([]);

    clock.advance(29 * DAY_MS);
    await release();
    const [released] = await feedbackRows(sessionId);
    expect(released.rating).toBe(3);
    const [submitted] = (await testbed.outboxEvents('registration.feedback-submitted')).filter(
      (e) => e.data.sessionId === sessionId,
    );
    expect(submitted.data).toEqual({
      feedbackId: released.id,
      sessionId,
      activityId: expect.any(String),
      rating: 3,
      comment: null,
      quoteConsent: false,
    });
    expect(submitted.subject).toBe(released.id);
    expect(submitted.causationId).toBeNull();
  });
});
