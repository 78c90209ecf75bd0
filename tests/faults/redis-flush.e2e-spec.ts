import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { NotificationQueue } from '../../apps/notifications/src/infrastructure/queues';
import { reminderJobId } from '../../apps/notifications/src/reminders/domain/reminder-plan';
import { expireOfferJobId, RegistrationQueue } from '../../apps/registration/src/waitlist/jobs/seat-jobs';
import { mintToken, Role } from '@respire/tenancy';
import {
  deleteRedisKeys,
  ServiceProcess,
  TEST_JWT_SECRET,
  testInfrastructure,
  waitFor,
} from '@respire/testing';
import { RegistrationAndMail } from '../support/registration-and-mail';

const MINUTE = 60_000;
const STARTS_IN_MINUTES = 3 * 24 * 60;

/**
 * Redis keeps no state of its own in Respire: it holds timers the databases can rebuild. Every
 * key of both services is deleted while an offer is pending and reminders are planned; the
 * registration worker's sweep and notifications' reconciler put them back.
 */
describe('fault: Redis loses every key of registration and notifications', () => {
  const system = new RegistrationAndMail({
    sessions: 1,
    capacity: 2,
    startsInMinutes: STARTS_IN_MINUTES,
    waitlist: { mode: 'offer', offerTtlMinutes: 60, offerCutoffMinutes: 0 },
  });
  let registration: ServiceProcess;
  const connection = { url: testInfrastructure.redisUrl };
  let seats: Queue;
  let scheduled: Queue;

  beforeAll(async () => {
    await system.setUp();
    registration = await system.start('registration', { env: { REGISTRATION_SWEEP_INTERVAL_SECONDS: '1' } });
    await system.start('notifications', { env: { NOTIFICATIONS_RECONCILE_INTERVAL_SECONDS: '1' } });
    await system.waitUntilBothKnowTheSessions();
    seats = new Queue(RegistrationQueue.Seats, { connection, prefix: system.redisPrefixOf('registration') });
    scheduled = new Queue(NotificationQueue.Scheduled, {
      connection,
      prefix: system.redisPrefixOf('notifications'),
    });
  }, 120_000);

  afterAll(async () => {
    await seats?.close();
    await scheduled?.close();
    await system.tearDown();
  });

  it('restores the pending offer expiry and the planned reminders', async () => {
    const [sessionId] = system.sessionIds;
    const people = [system.newParticipant(), system.newParticipant(), system.newParticipant()];
    const ids: string[] = [];
    for (const who of people) {
      const response = await system.register(registration.baseUrl, sessionId, who);
      expect(response.status).toBe(201);
      ids.push(((await response.json()) as { id: string }).id);
    }
    const [leaves, , waits] = ids; // the second stays confirmed: the session keeps its reminders
    const token = await mintToken({
      secret: TEST_JWT_SECRET,
      subject: 'coordinator',
      roles: [Role.Coordinator],
      tenantId: system.tenant.tenantId,
    });
    const cancelled = await fetch(`${registration.baseUrl}/v1/registrations/${leaves}/cancel`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(cancelled.status).toBe(200);

    const [offer] = await waitFor(
      () =>
        system.owners.registration.query(
          `SELECT offer_expires_at FROM registration WHERE id = $1 AND status = 'offered'`,
          [waits],
        ),
      (rows) => rows.length === 1,
      { what: 'the offer to the waitlisted person' },
    );
    const [{ starts_at: startsAt }] = await system.owners.notifications.query(
      `SELECT starts_at FROM session WHERE id = $1`,
      [sessionId],
    );
    const timers = [
      { queue: seats, id: expireOfferJobId(waits, offer.offer_expires_at) },
      ...[2880, 180].map((offset) => ({
        queue: scheduled,
        id: reminderJobId(system.tenant.tenantId, sessionId, offset, startsAt),
      })),
    ];
    const present = async () =>
      (await Promise.all(timers.map(({ queue, id }) => queue.getJob(id)))).map(Boolean);
    await waitFor(present, (found) => found.every(Boolean), {
      what: 'the offer expiry and reminders planned',
    });

    // The timers live under the prefixes deleted below (so deleting them does delete the timers).
    const redis = new Redis(testInfrastructure.redisUrl);
    const stored = await Promise.all(
      timers.map(({ queue, id }) => redis.exists(`${queue.opts.prefix}:${queue.name}:${id}`)),
    );
    await redis.quit();
    expect(stored).toEqual(timers.map(() => 1));
    await deleteRedisKeys(system.redisPrefixOf('registration'));
    await deleteRedisKeys(system.redisPrefixOf('notifications'));
    const flushedAt = Date.now();
    await waitFor(present, (found) => found.every(Boolean), {
      what: 'the timers restored',
      timeoutMs: 30_000,
      intervalMs: 50,
    });
    const restoredInMs = Date.now() - flushedAt;

    // The restored offer still ends when it was meant to (an hour after it was made).
    const expiry = await seats.getJob(timers[0].id);
    expect(Math.abs(expiry!.timestamp + expiry!.opts.delay! - offer.offer_expires_at.getTime())).toBeLessThan(
      MINUTE,
    );
    process.stdout.write(
      `Redis flushed: the offer expiry and ${timers.length - 1} reminders restored in ${restoredInMs} ms\n`,
    );
  }, 120_000);
});
