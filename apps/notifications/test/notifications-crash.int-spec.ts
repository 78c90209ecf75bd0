import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { MessageProducer } from '@respire/messaging';
import {
  createTestDatabase,
  createTestKafka,
  deleteRedisKeys,
  ServiceProcess,
  spawnServiceProcess,
  TestDatabase,
  TestKafka,
  testServiceEnv,
  uniqueSuffix,
  waitFor,
} from '@respire/testing';
import { startSmtpServer, SmtpTestServer } from '@respire/testing/smtp';
import { NOTIFICATIONS_MIGRATIONS } from '../src/infrastructure/migrations';
import { newSession, parisTime, person, Person, publisher, registrationConfirmed, sleep } from './fixtures';

const EVENTS = 200;
const CONCURRENCY = 8;

describe('notifications service killed (SIGKILL) while 200 events are in flight', () => {
  let smtp: SmtpTestServer;
  let kafka: TestKafka;
  let database: TestDatabase;
  let db: DataSource;
  let producer: MessageProducer;
  const redisPrefix = `test-${uniqueSuffix()}`;
  const running: ServiceProcess[] = [];

  async function startService(): Promise<ServiceProcess> {
    const env = testServiceEnv(
      { db: database, kafka, redisPrefix },
      {
        ROLE: 'http,consumer,relay,worker',
        SMTP_URL: smtp.url,
        NOTIFICATIONS_SEND_CONCURRENCY: String(CONCURRENCY),
        NOTIFICATIONS_JOB_LOCK_MS: '4000',
        NOTIFICATIONS_SWEEP_INTERVAL_SECONDS: '2',
      },
    );
    const service = await spawnServiceProcess('apps/notifications/src/main.ts', env);
    running.push(service);
    return service;
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    kafka = await createTestKafka();
    database = await createTestDatabase(NOTIFICATIONS_MIGRATIONS);
    db = await database.dataSource('owner');
    producer = new MessageProducer(kafka.settings);
  }, 60_000);

  afterAll(async () => {
    for (const service of running) await service.stop('SIGTERM');
    await producer?.close();
    await database?.drop();
    await kafka?.cleanup();
    await deleteRedisKeys(redisPrefix);
    await smtp?.close();
  });

  it('every event produces exactly one delivery and one message; only a send cut off by the kill is repeated, with its Message-ID', async () => {
    const tenantId = uuidv7();
    const sessions = Array.from({ length: 10 }, (_, i) =>
      newSession(tenantId, parisTime(`2027-10-${String(i + 10).padStart(2, '0')}`, '18:30')),
    );
    const people: Person[] = Array.from({ length: EVENTS }, (_, i) => person(`P${i}`));
    const events = people.map((who, i) => registrationConfirmed(sessions[i % sessions.length], who));
    await publisher(producer, kafka.prefix)(...events);

    const first = await startService();
    // Killed on a timer, not on a message's arrival: wherever the process happens to be.
    await smtp
      .waitFor(() => true, { count: 1, timeoutMs: 60_000 })
      .catch((error) => {
        throw new Error(`${error.message}\n${first.output()}`);
      });
    await sleep(150 + Math.floor(Math.random() * 100));
    expect(await first.stop('SIGKILL')).toBe('SIGKILL');
    const atKill = smtp.messages().length;
    const [{ recorded }] = await db.query(`SELECT count(*)::int AS recorded FROM delivery`);
    expect(atKill).toBeLessThan(EVENTS); // the kill really interrupted the work

    const second = await startService();
    const byRecipient = (who: Person) => smtp.messages().filter((m) => m.envelope.to.includes(who.email));
    await waitFor(
      async () => people.filter((who) => byRecipient(who).length === 0).length,
      (missing) => missing === 0,
      {
        what: 'a message for every event after the restart',
        timeoutMs: 120_000,
        intervalMs: 250,
      },
    ).catch((error) => {
      throw new Error(`${error.message}\n${second.output()}`);
    });
    await waitFor(
      () => db.query(`SELECT count(*)::int AS n FROM delivery WHERE status <> 'sent'`),
      (rows) => rows[0].n === 0,
      {
        what: 'every delivery marked sent',
      },
    );
    await sleep(3000); // anything still to come would arrive now

    const deliveries: {
      id: string;
      registration_id: string;
      message_id: string;
      interrupted_attempts: number;
    }[] = await db.query(`SELECT id, registration_id, message_id, interrupted_attempts FROM delivery`);
    // The delivery log: exactly one message per event.
    expect(deliveries).toHaveLength(EVENTS);
    expect(new Set(deliveries.map((d) => d.registration_id)).size).toBe(EVENTS);

    // The SMTP server: every event's message arrived, and under one Message-ID only.
    const received = smtp.messages();
    const copies = new Map<string, number>();
    for (const mail of received) copies.set(mail.messageId!, (copies.get(mail.messageId!) ?? 0) + 1);
    expect(copies.size).toBe(EVENTS);
    for (const d of deliveries) expect(copies.get(d.message_id)).toBeGreaterThanOrEqual(1);
    for (const who of people) expect(new Set(byRecipient(who).map((m) => m.messageId)).size).toBe(1);

    // A second copy exists only for a send the kill cut off (recorded as interrupted), once at most.
    const repeated = deliveries.filter((d) => copies.get(d.message_id)! > 1);
    for (const d of repeated) {
      expect(copies.get(d.message_id)).toBe(2);
      expect(d.interrupted_attempts).toBe(1);
    }
    expect(repeated.length).toBeLessThanOrEqual(CONCURRENCY);
    process.stdout.write(
      `crash test: ${atKill} messages before the kill, ${recorded} deliveries recorded by then; ` +
        `${received.length} received in all for ${EVENTS} events; ` +
        `${deliveries.filter((d) => d.interrupted_attempts > 0).length} sends interrupted, ${repeated.length} of them had reached the server\n`,
    );
  }, 240_000);
});
