import { ScaledClock } from '@respire/platform';
import { newTenant, participant, tenantCreated, tokenOf, useRegistration } from './support';
import {
  createEvent,
  SESSION_CANCELLED_V1,
  SESSION_CAPACITY_CHANGED_V1,
  SESSION_RESCHEDULED_V1,
} from '@respire/contracts';
import { waitFor } from '@respire/testing';

/** One clock minute lasts one real second: a one-minute offer expires in a second. */
const SPEED = 60;

describe('waitlist offers on real Redis: cancellation → offer → expiry → next offer → accept', () => {
  const clock = new ScaledClock(SPEED);
  const offers = newTenant();
  const autoConfirm = newTenant();

  const testbed = useRegistration(
    { clock },
    tenantCreated(offers, { mode: 'offer', offerTtlMinutes: 2, offerCutoffMinutes: 60 }),
    tenantCreated(autoConfirm, { mode: 'auto-confirm', offerTtlMinutes: 2, offerCutoffMinutes: 60 }),
  );

  const publishedSession = (
    tenantId: string,
    capacity: number,
    startsInMinutes = 3 * 24 * 60,
    durationMinutes = 60,
  ) =>
    testbed.publishSession(tenantId, {
      capacity,
      startsInMinutes,
      durationMinutes,
      now: clock.now(),
    });

  async function register(slug: string, sessionId: string) {
    const response = await testbed.service.request(
      'POST',
      `/v1/public/tenants/${slug}/sessions/${sessionId}/registrations`,
      { body: participant() },
    );
    expect(response.status).toBe(201);
    return response.body as { id: string; status: string };
  }

  const eventFor = (type: string, registrationId: string) => testbed.eventOf(type, registrationId);

  async function statuses(tenantId: string, sessionId: string) {
    const token = await testbed.coordinator(tenantId);
    const list = await testbed.service.request('GET', `/v1/sessions/${sessionId}/registrations`, { token });
    return Object.fromEntries((list.body as { id: string; status: string }[]).map((r) => [r.id, r.status]));
  }

  /** A one-seat session Alice held until a coordinator cancelled her: Bruno is offered the seat, Chloé waits. */
  async function seatOfferedToBruno() {
    const sessionId = await publishedSession(offers.tenantId, 1);
    const alice = await register(offers.slug, sessionId);
    const bruno = await register(offers.slug, sessionId);
    const chloe = await register(offers.slug, sessionId);
    const token = await testbed.coordinator(offers.tenantId);
    await testbed.service.request('POST', `/v1/registrations/${alice.id}/cancel`, { token });
    const offer = await eventFor('registration.offered', bruno.id);
    return { sessionId, alice, bruno, chloe, offer };
  }

  it('offers the freed seat to the first in line, expires it after the TTL, offers it to the next, who accepts', async () => {
    const sessionId = await publishedSession(offers.tenantId, 1);
    const alice = await register(offers.slug, sessionId);
    const bruno = await register(offers.slug, sessionId);
    const chloe = await register(offers.slug, sessionId);
    expect([alice.status, bruno.status, chloe.status]).toEqual(['confirmed', 'waitlisted', 'waitlisted']);

    const cancelLink = (await eventFor('registration.confirmed', alice.id)).data.links.cancel;
    const cancelled = await testbed.service.request('POST', `/v1/public/registrations/${alice.id}/cancel`, {
      body: { token: tokenOf(cancelLink) },
    });
    expect(cancelled.status).toBe(200);

    // The worker offers Alice's seat to Bruno, for two clock minutes.
    const offeredToBruno = await eventFor('registration.offered', bruno.id);
    const offeredAt = new Date(offeredToBruno.occurredAt).getTime();
    expect(new Date(offeredToBruno.data.offerExpiresAt).getTime() - offeredAt).toBe(2 * 60_000);
    expect(await statuses(offers.tenantId, sessionId)).toMatchObject({
      [alice.id]: 'cancelled',
      [bruno.id]: 'offered',
      [chloe.id]: 'waitlisted',
    });

    // Bruno does not answer: the BullMQ job expires his offer and Chloé gets the seat offered.
    const expired = await eventFor('registration.offer-expired', bruno.id);
    expect(new Date(expired.occurredAt).getTime()).toBeGreaterThanOrEqual(
      new Date(offeredToBruno.data.offerExpiresAt).getTime(),
    );
    const offeredToChloe = await eventFor('registration.offered', chloe.id);

    // Bruno's accept link is now useless; Chloé's works.
    const late = await testbed.service.request('POST', `/v1/public/registrations/${bruno.id}/accept`, {
      body: { token: tokenOf(offeredToBruno.data.links.accept) },
    });
    expect(late).toMatchObject({
      status: 410,
      body: { message: 'Cette proposition a expiré : la place a été proposée à la personne suivante.' },
    });
    const accepted = await testbed.service.request('POST', `/v1/public/registrations/${chloe.id}/accept`, {
      body: { token: tokenOf(offeredToChloe.data.links.accept) },
    });
    expect(accepted).toMatchObject({ status: 200, body: { id: chloe.id, status: 'confirmed' } });

    expect(await statuses(offers.tenantId, sessionId)).toEqual({
      [alice.id]: 'cancelled',
      [bruno.id]: 'expired',
      [chloe.id]: 'confirmed',
    });
    expect((await eventFor('registration.confirmed', chloe.id)).data.via).toBe('offer');
    await eventFor('registration.offer-accepted', chloe.id);
  }, 60_000);

  it('gives a declined offer to the next person', async () => {
    const { bruno, chloe, offer } = await seatOfferedToBruno();
    const declined = await testbed.service.request(
      'POST',
      `/v1/public/registrations/${bruno.id}/decline?token=${tokenOf(offer.data.links.decline)}`,
    );
    expect(declined).toMatchObject({ status: 200, body: { status: 'declined' } });
    await eventFor('registration.offer-declined', bruno.id);
    await eventFor('registration.offered', chloe.id);
  }, 30_000);

  it('makes no offer once the session is within the cutoff: people stay waitlisted, and no newcomer takes the seat', async () => {
    const sessionId = await publishedSession(offers.tenantId, 1, 50); // starts in 50 clock minutes, cutoff 60
    const alice = await register(offers.slug, sessionId);
    const bruno = await register(offers.slug, sessionId);
    const token = await testbed.coordinator(offers.tenantId);
    await testbed.service.request('POST', `/v1/registrations/${alice.id}/cancel`, { token });
    await new Promise((resolve) => setTimeout(resolve, 1500));

    expect(await statuses(offers.tenantId, sessionId)).toEqual({
      [alice.id]: 'cancelled',
      [bruno.id]: 'waitlisted',
    });

    // The freed seat is Bruno's turn, not a newcomer's: Chloé queues behind him (issue 16).
    const chloe = await register(offers.slug, sessionId);
    expect(chloe).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    expect(await statuses(offers.tenantId, sessionId)).toEqual({
      [alice.id]: 'cancelled',
      [bruno.id]: 'waitlisted',
      [chloe.id]: 'waitlisted',
    });
  });

  it('confirms the next person at once when the tenant auto-confirms', async () => {
    const sessionId = await publishedSession(autoConfirm.tenantId, 1);
    const alice = await register(autoConfirm.slug, sessionId);
    const bruno = await register(autoConfirm.slug, sessionId);
    const token = await testbed.coordinator(autoConfirm.tenantId);
    await testbed.service.request('POST', `/v1/registrations/${alice.id}/cancel`, { token });

    expect((await eventFor('registration.confirmed', bruno.id)).data.via).toBe('auto-promotion');
    expect(await statuses(autoConfirm.tenantId, sessionId)).toEqual({
      [alice.id]: 'cancelled',
      [bruno.id]: 'confirmed',
    });
  });

  it('gives raised capacity to the waitlist and cancels everyone when the session is cancelled', async () => {
    const sessionId = await publishedSession(offers.tenantId, 1);
    const [alice, bruno, chloe, david] = [
      await register(offers.slug, sessionId),
      await register(offers.slug, sessionId),
      await register(offers.slug, sessionId),
      await register(offers.slug, sessionId),
    ];
    await testbed.feed.publish(
      createEvent(
        SESSION_CAPACITY_CHANGED_V1,
        { sessionId, previousCapacity: 1, capacity: 3 },
        { tenantId: offers.tenantId, source: 'catalog', subject: sessionId },
      ),
    );
    await eventFor('registration.offered', bruno.id);
    await eventFor('registration.offered', chloe.id);
    expect((await statuses(offers.tenantId, sessionId))[david.id]).toBe('waitlisted');

    await testbed.feed.publish(
      createEvent(
        SESSION_CANCELLED_V1,
        { sessionId, reason: 'L’intervenante est malade.' },
        { tenantId: offers.tenantId, source: 'catalog', subject: sessionId },
      ),
    );
    for (const [registration, previousStatus] of [
      [alice, 'confirmed'],
      [bruno, 'offered'],
      [chloe, 'offered'],
      [david, 'waitlisted'],
    ] as const) {
      const event = await eventFor('registration.cancelled', registration.id);
      expect(event.data).toMatchObject({
        by: 'session-cancelled',
        previousStatus,
        reason: 'L’intervenante est malade.',
        lateCancellation: false,
      });
    }
    const again = await testbed.service.request(
      'POST',
      `/v1/public/tenants/${offers.slug}/sessions/${sessionId}/registrations`,
      { body: participant() },
    );
    expect(again).toMatchObject({ status: 409, body: { error: 'session_cancelled' } });
  }, 30_000);

  it('marks confirmed people not checked in as no-shows when the session is over (BullMQ timer)', async () => {
    const sessionId = await publishedSession(offers.tenantId, 5, 3, 1); // starts in 3 clock minutes, lasts 1 (≈ 4 s real)
    const came = await register(offers.slug, sessionId);
    const absent = await register(offers.slug, sessionId);
    const token = await testbed.coordinator(offers.tenantId);
    const checkIn = await testbed.service.request('POST', `/v1/sessions/${sessionId}/attendance`, {
      token,
      body: { registrationId: came.id, attended: true },
    });
    expect(checkIn.status).toBe(200);

    const noShow = await waitFor(
      async () =>
        (await testbed.outboxEvents('registration.no-show')).filter((e) => e.data.sessionId === sessionId),
      (events) => events.length > 0,
      { what: 'the no-show job', timeoutMs: 20_000, intervalMs: 200 },
    );
    expect(noShow.map((e) => e.data.registrationId)).toEqual([absent.id]);
    const [published] = (await testbed.outboxEvents('registration.confirmed')).filter(
      (e) => e.data.registrationId === absent.id,
    );
    expect(new Date(noShow[0].occurredAt).getTime()).toBeGreaterThanOrEqual(
      new Date(published.data.session.endsAt).getTime(),
    );
    expect(await statuses(offers.tenantId, sessionId)).toEqual({
      [came.id]: 'attended',
      [absent.id]: 'no_show',
    });
  }, 30_000);

  it('shortens a pending offer when the session is moved closer, and keeps registrations', async () => {
    const { sessionId, alice, bruno, chloe, offer } = await seatOfferedToBruno();
    const session = offer.data.session;

    // Moved to start in 61 clock minutes: with a 60-minute cutoff, the offer must end within a minute.
    const startsAt = new Date(clock.now().getTime() + 61 * 60_000);
    await testbed.feed.publish(
      createEvent(
        SESSION_RESCHEDULED_V1,
        {
          sessionId,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
          timezone: session.timezone,
          venue: session.venue,
          previous: { startsAt: session.startsAt, endsAt: session.endsAt, venue: session.venue },
          sequence: 1,
        },
        { tenantId: offers.tenantId, source: 'catalog', subject: sessionId },
      ),
    );
    const expired = await eventFor('registration.offer-expired', bruno.id);
    expect(new Date(expired.data.offerExpiresAt).getTime()).toBeLessThan(
      new Date(offer.data.offerExpiresAt).getTime(),
    );
    expect(expired.data.session.startsAt).toBe(startsAt.toISOString());
    // Too close for another offer: Chloé stays on the waitlist.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await statuses(offers.tenantId, sessionId)).toEqual({
      [alice.id]: 'cancelled',
      [bruno.id]: 'expired',
      [chloe.id]: 'waitlisted',
    });
  }, 30_000);
});
