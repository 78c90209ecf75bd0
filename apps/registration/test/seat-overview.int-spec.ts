import { Role } from '@respire/tenancy';
import { newTenant, participant, sessionPublished, useRegistration } from './support';

describe('registration: the dashboard’s seat overview (real PostgreSQL, Kafka)', () => {
  const tenant = newTenant();
  const other = newTenant();

  const testbed = useRegistration({}, tenant, other);

  it('counts places held, offers and the waitlist of each session in the period, and nothing of another CPTS', async () => {
    const full = sessionPublished(tenant.tenantId, { capacity: 2, startsInMinutes: 3 * 24 * 60 });
    const empty = sessionPublished(tenant.tenantId, { capacity: 10, startsInMinutes: 5 * 24 * 60 });
    const later = sessionPublished(tenant.tenantId, { capacity: 10, startsInMinutes: 40 * 24 * 60 });
    const elsewhere = sessionPublished(other.tenantId, { capacity: 10, startsInMinutes: 3 * 24 * 60 });
    await testbed.feed.publish(full, empty, later, elsewhere);
    for (const event of [full, empty, later])
      await testbed.waitForSession(tenant.tenantId, event.data.sessionId);
    for (let n = 0; n < 3; n += 1) {
      const answer = await testbed.service.request(
        'POST',
        `/v1/public/tenants/${tenant.slug}/sessions/${full.data.sessionId}/registrations`,
        {
          body: participant(),
        },
      );
      expect(answer.status).toBe(201);
    }

    const token = await testbed.coordinator(tenant.tenantId);
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 14 * 86_400_000).toISOString();
    const overview = await testbed.service.request(
      'GET',
      `/v1/session-seats?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      { token },
    );

    expect(overview.status).toBe(200);
    expect(overview.body).toEqual([
      expect.objectContaining({
        sessionId: full.data.sessionId,
        capacity: 2,
        seatsHeld: 2,
        confirmed: 2,
        offered: 0,
        waitlisted: 1,
        nextOfferExpiresAt: null,
      }),
      expect.objectContaining({
        sessionId: empty.data.sessionId,
        capacity: 10,
        seatsHeld: 0,
        confirmed: 0,
        waitlisted: 0,
      }),
    ]);
  });

  it('refuses a facilitator and a period of more than 120 days', async () => {
    const facilitator = await testbed.service.token(Role.Facilitator, tenant.tenantId);
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 200 * 86_400_000).toISOString();
    const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    expect(
      (await testbed.service.request('GET', `/v1/session-seats?${query}`, { token: facilitator })).status,
    ).toBe(403);
    const tooLong = await testbed.service.request('GET', `/v1/session-seats?${query}`, {
      token: await testbed.coordinator(tenant.tenantId),
    });
    expect(tooLong.status).toBe(400);
  });
});
