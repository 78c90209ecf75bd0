import { Agent } from 'node:http';
import {
  CatalogFeed,
  coordinator,
  newTenant,
  participant,
  postJson,
  RegistrationService,
  sessionPublished,
  startRegistration,
  tenantCreated,
  waitForSession,
  waitForTenant,
} from './support';

const REGISTRATIONS = 300;
const SEATS = 10;
const ROUNDS = 20;
const SOCKETS = 50;

interface Answer {
  status: number;
  body: { id: string; status: string; waitlistPosition?: number };
}

/**
 * The must-show: at least 300 concurrent registrations over HTTP at a 10-seat session, spread
 * over TWO API instances sharing one database: exactly 10 confirmed, the rest waitlisted with
 * positions 1..N without gaps or duplicates — 20 times over.
 */
describe('seats under concurrency (two API instances, real PostgreSQL)', () => {
  let first: RegistrationService;
  let second: RegistrationService;
  let feed: CatalogFeed;
  const tenant = newTenant();
  const agent = new Agent({ keepAlive: true, maxSockets: SOCKETS });

  beforeAll(async () => {
    first = await startRegistration();
    second = await startRegistration({ shareWith: first });
    feed = new CatalogFeed(first.kafka);
    await feed.publish(tenantCreated(tenant));
    await waitForTenant(first, tenant.slug);
  }, 120_000);

  afterAll(async () => {
    agent.destroy();
    await feed?.close();
    await second?.close();
    await first?.close();
  });

  async function burst(sessionId: string): Promise<Answer[]> {
    const answers: Answer[] = new Array(REGISTRATIONS);
    let next = 0;
    // SOCKETS clients, half on each instance, each sending its requests one after the other.
    const clients = Array.from({ length: SOCKETS }, async (_, client) => {
      const baseUrl = (client % 2 === 0 ? first : second).baseUrl;
      while (next < REGISTRATIONS) {
        const i = next++;
        const url = `${baseUrl}/v1/public/tenants/${tenant.slug}/sessions/${sessionId}/registrations`;
        const response = await postJson(agent, url, participant(i));
        answers[i] = { status: response.status, body: response.body as Answer['body'] };
      }
    });
    await Promise.all(clients);
    return answers;
  }

  it(`gives exactly ${SEATS} seats to ${REGISTRATIONS} concurrent registrations and a gap-free waitlist, ${ROUNDS} times`, async () => {
    const token = await coordinator(first, tenant.tenantId);
    const owner = await first.db.dataSource('owner');
    for (let round = 1; round <= ROUNDS; round++) {
      const event = sessionPublished(tenant.tenantId, { capacity: SEATS });
      const sessionId = event.data.sessionId;
      await feed.publish(event);
      await waitForSession(second, tenant.tenantId, sessionId);

      const answers = await burst(sessionId);

      expect(answers.filter((a) => a.status !== 201)).toEqual([]);
      const confirmed = answers.filter((a) => a.body.status === 'confirmed');
      const waitlisted = answers.filter((a) => a.body.status === 'waitlisted');
      expect(confirmed).toHaveLength(SEATS);
      expect(waitlisted).toHaveLength(REGISTRATIONS - SEATS);
      const expectedPositions = Array.from({ length: REGISTRATIONS - SEATS }, (_, i) => i + 1);
      // What each participant was told…
      expect(waitlisted.map((a) => a.body.waitlistPosition).sort((a, b) => a! - b!)).toEqual(
        expectedPositions,
      );

      // …and what the coordinator sees, from either instance.
      const list = await second.request('GET', `/v1/sessions/${sessionId}/registrations`, { token });
      const rows = list.body as { id: string; status: string; waitlistPosition?: number }[];
      expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(SEATS);
      const waiting = rows.filter((r) => r.status === 'waitlisted');
      expect(waiting.map((r) => r.waitlistPosition)).toEqual(expectedPositions);
      // The positions given at registration are the ones the list shows: first come, first served.
      const told = new Map(waitlisted.map((a) => [a.body.id, a.body.waitlistPosition]));
      expect(waiting.every((r) => told.get(r.id) === r.waitlistPosition)).toBe(true);

      const [seats] = await owner.query(`SELECT seats_held, capacity FROM session WHERE id = $1`, [
        sessionId,
      ]);
      expect(seats).toEqual({ seats_held: SEATS, capacity: SEATS });
      const [events] = await owner.query(
        `SELECT count(*) FILTER (WHERE type = 'registration.confirmed')::int AS confirmed,
                count(*) FILTER (WHERE type = 'registration.waitlisted')::int AS waitlisted
           FROM outbox WHERE payload->'data'->>'sessionId' = $1`,
        [sessionId],
      );
      expect(events).toEqual({ confirmed: SEATS, waitlisted: REGISTRATIONS - SEATS });
    }
  }, 600_000);
});
