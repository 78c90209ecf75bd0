import { deleteRedisKeys, waitFor } from '@respire/testing';
import { ScaledClock } from '@respire/platform';
import { closeAttendanceJobId, expireOfferJobId, SeatJobs } from '../src/waitlist/jobs/seat-jobs';
import { newTenant, participant, sessionPublished, tenantCreated, tokenOf, useRegistration } from './support';

const MINUTE = 60_000;

/**
 * The database is the source of truth; Redis only holds timers. Flush this service's Redis keys
 * in the middle of a waitlist: the worker's sweep puts the pending offer expiry and the no-show
 * closing back, and does at once what became overdue while no timer was left.
 */
describe('the sweep repairs what Redis lost (real PostgreSQL, Kafka, Redis)', () => {
  let jobs: SeatJobs;
  const clock = new ScaledClock(1);
  const tenant = newTenant();

  const testbed = useRegistration(
    { clock, extraEnv: { REGISTRATION_SWEEP_INTERVAL_SECONDS: '1' } },
    tenantCreated(tenant, { mode: 'offer', offerTtlMinutes: 60, offerCutoffMinutes: 0 }),
  );

  beforeAll(async () => {
    jobs = testbed.service.app.get(SeatJobs);
  });

  const eventFor = (type: string, registrationId: string) => testbed.eventOf(type, registrationId);

  const exists = (jobId: string) => jobs.exists(jobId);

  it('restores the pending offer expiry and the no-show closing after a flush, and processes what became overdue', async () => {
    const published = sessionPublished(tenant.tenantId, {
      capacity: 2,
      startsInMinutes: 2 * 24 * 60,
      durationMinutes: 60,
      now: clock.now(),
    });
    const sessionId = published.data.sessionId;
    const endsAt = new Date(published.data.endsAt);
    await testbed.feed.publish(published);
    await testbed.waitForSession(tenant.tenantId, sessionId);
    const register = async () =>
      (
        await testbed.service.request(
          'POST',
          `/v1/public/tenants/${tenant.slug}/sessions/${sessionId}/registrations`,
          { body: participant() },
        )
      ).body;
    const dora = await register();
    const alice = await register();
    const bruno = await register();
    const chloe = await register();
    const token = await testbed.coordinator(tenant.tenantId);
    await testbed.service.request('POST', `/v1/registrations/${alice.id}/cancel`, { token });
    const offer = await eventFor('registration.offered', bruno.id);
    const offerJob = expireOfferJobId(bruno.id, new Date(offer.data.offerExpiresAt));
    const noShowJob = closeAttendanceJobId(sessionId, endsAt);
    await waitFor(async () => (await exists(offerJob)) && (await exists(noShowJob)), Boolean, {
      what: 'jobs to be queued',
    });

    await deleteRedisKeys(testbed.service.redisPrefix);
    expect(await exists(offerJob)).toBe(false);
    expect(await exists(noShowJob)).toBe(false);

    // Within one sweep interval, both timers are back.
    await waitFor(async () => (await exists(offerJob)) && (await exists(noShowJob)), Boolean, {
      what: 'the sweep to restore the jobs',
    });

    // Flushed again, then the offer's time passes with no timer at all: the sweep expires it
    // and offers the seat to the next person.
    await deleteRedisKeys(testbed.service.redisPrefix);
    clock.advance(61 * MINUTE);
    await eventFor('registration.offer-expired', bruno.id);
    const nextOffer = await eventFor('registration.offered', chloe.id);
    const accepted = await testbed.service.request('POST', `/v1/public/registrations/${chloe.id}/accept`, {
      body: { token: tokenOf(nextOffer.data.links.accept) },
    });
    expect(accepted.body.status).toBe('confirmed');

    // The session ends while Redis is empty again: the sweep closes attendance; Dora came, Chloé did not.
    const checkIn = await testbed.service.request('POST', `/v1/sessions/${sessionId}/attendance`, {
      token,
      body: { registrationId: dora.id, attended: true },
    });
    expect(checkIn.status).toBe(409); // not before the session: attendance opens an hour before the start
    clock.advance(2 * 24 * 60 * MINUTE - 30 * MINUTE);
    expect(
      (
        await testbed.service.request('POST', `/v1/sessions/${sessionId}/attendance`, {
          token,
          body: { registrationId: dora.id, attended: true },
        })
      ).status,
    ).toBe(200);
    await deleteRedisKeys(testbed.service.redisPrefix);
    clock.advance(2 * 60 * MINUTE);
    const noShow = await eventFor('registration.no-show', chloe.id);
    expect(noShow.data).toEqual({ registrationId: chloe.id, sessionId, participantId: expect.any(String) });
    const list = await testbed.service.request('GET', `/v1/sessions/${sessionId}/registrations`, { token });
    expect(
      Object.fromEntries(list.body.map((r: { id: string; status: string }) => [r.id, r.status])),
    ).toEqual({
      [dora.id]: 'attended',
      [alice.id]: 'cancelled',
      [bruno.id]: 'expired',
      [chloe.id]: 'no_show',
    });
  }, 60_000);
});
