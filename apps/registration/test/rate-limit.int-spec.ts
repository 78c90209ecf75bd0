import { v7 as uuidv7 } from 'uuid';
import { Role } from '@respire/tenancy';
import { RegistrationService, startRegistration } from './support';

/** Public routes: PUBLIC_RATE_LIMIT requests per minute per client, counted in Redis across instances. */
describe('public rate limit (real Redis, two instances)', () => {
  let first: RegistrationService;
  let second: RegistrationService;
  const env = { PUBLIC_RATE_LIMIT: '5', TRUST_PROXY: 'true' };

  beforeAll(async () => {
    first = await startRegistration({ extraEnv: env });
    second = await startRegistration({ extraEnv: env, shareWith: first });
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  // The test process plays the one trusted proxy (TRUST_PROXY=true): the right-most
  // X-Forwarded-For entry is the address it saw; anything left of it was written by the client.
  const attempt = (service: RegistrationService, client: string, writtenByClient?: string) =>
    service.request('POST', `/v1/public/tenants/cpts-inconnue/sessions/${uuidv7()}/registrations`, {
      body: {},
      headers: { 'X-Forwarded-For': writtenByClient ? `${writtenByClient}, ${client}` : client },
    });

  it('answers 429 with Retry-After and a French message past the limit, per client, whichever instance is hit', async () => {
    const client = '203.0.113.10';
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt(i % 2 === 0 ? first : second, client)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400]);

    const refused = await attempt(second, client);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body).toMatchObject({
      error: 'rate_limited',
      message: expect.stringMatching(
        /^Trop de demandes en peu de temps\. Merci de réessayer dans \d+ secondes?\.$/,
      ),
    });
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');

    // Another client has its own budget; back-office routes are not rate limited.
    expect((await attempt(first, '203.0.113.11')).status).toBe(400);
    const token = await first.token(Role.Coordinator, uuidv7());
    for (let i = 0; i < 7; i++) {
      const response = await first.request('GET', `/v1/sessions/${uuidv7()}/registrations`, {
        token,
        headers: { 'X-Forwarded-For': client },
      });
      expect(response.status).toBe(404);
    }
  });

  it('cannot be escaped by a client writing its own X-Forwarded-For entries', async () => {
    const client = '203.0.113.20';
    const statuses = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await attempt(i % 2 === 0 ? first : second, client, `198.51.100.${i + 1}`)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429]);
  });
});
