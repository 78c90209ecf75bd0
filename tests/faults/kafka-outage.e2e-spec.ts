import { randomUUID } from 'node:crypto';
import { PrivateKafka, ServiceProcess, waitFor } from '@respire/testing';
import { RegistrationAndMail } from '../support/registration-and-mail';

const OUTAGE_MS = 20_000;

/**
 * Kafka stops for 20 seconds while people register. On a broker of the test's own (the shared one
 * is never touched). Registration keeps answering and stays ready (its events wait in the
 * outbox), a registration process started during the outage boots and serves, and once the broker
 * is back every registration is mailed, exactly once.
 */
describe('fault: Kafka stopped for 20 s under steady registrations', () => {
  let kafka: PrivateKafka;
  let system: RegistrationAndMail;
  let registration: ServiceProcess;

  beforeAll(async () => {
    kafka = await PrivateKafka.start();
    system = new RegistrationAndMail({ kafkaBrokers: kafka.brokers });
    await system.setUp();
    registration = await system.start('registration');
    await system.start('notifications');
    await system.waitUntilBothKnowTheSessions();
  }, 180_000);

  afterAll(async () => {
    await system?.tearDown();
    await kafka?.destroy();
  });

  it('keeps registering and ready, boots a new process, loses nothing and mails everyone once afterwards', async () => {
    const statuses: Array<number | 'no-answer'> = [];
    let registered = 0;
    let loading = true;
    let target = registration;
    const clients = Array.from({ length: 4 }, async (_, client) => {
      for (let n = 0; loading; n++) {
        const sessionId = system.sessionIds[(client + n) % system.sessionIds.length];
        const who = system.newParticipant();
        const key = randomUUID();
        for (;;) {
          const { status } = await system.attemptRegistration(target.baseUrl, sessionId, who, key);
          statuses.push(status);
          if (status === 201) registered += 1;
          if (status !== 503 && status !== 'no-answer') break;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        // A steady stream (about 20 a second in all), not a flood the mail server must drain after.
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    });
    const readiness: number[] = [];
    const probing = (async () => {
      while (loading) {
        readiness.push((await fetch(`${registration.baseUrl}/health/ready`)).status);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();

    await waitFor(
      async () => registered,
      (n) => n >= 30,
      { what: 'load before the outage', timeoutMs: 60_000 },
    );
    await kafka.stopBroker();
    const stoppedAt = Date.now();
    const beforeOutage = registered;
    const kafkaDown = await waitFor(
      async () => (await fetch(`${registration.baseUrl}/metrics`)).text(),
      (metrics) => /respire_dependency_up\{[^}]*dependency="kafka"[^}]*\} 0/.test(metrics),
      { what: 'Kafka reported down in /metrics' },
    );
    expect(kafkaDown).toMatch(/respire_dependency_up\{[^}]*dependency="database"[^}]*\} 1/);

    // A pod started during the outage boots, is ready and takes registrations.
    const newcomer = await system.start('registration');
    target = newcomer;
    await waitFor(
      async () => registered,
      (n) => n >= beforeOutage + 10,
      { what: 'registrations during the outage', timeoutMs: OUTAGE_MS },
    );
    const ready = await fetch(`${newcomer.baseUrl}/health/ready`);
    expect({ status: ready.status, body: await ready.json() }).toMatchObject({
      status: 200,
      body: { status: 'degraded', checks: { database: { ok: true }, kafka: { ok: false, required: false } } },
    });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt))));
    const duringOutage = registered - beforeOutage;
    await kafka.startBroker();
    const outageMs = Date.now() - stoppedAt;
    target = registration;
    await waitFor(
      async () => registered,
      (n) => n >= beforeOutage + duringOutage + 20,
      { what: 'load after the outage', timeoutMs: 60_000 },
    );
    loading = false;
    await Promise.all([...clients, probing]);

    expect(statuses.filter((status) => status !== 201 && status !== 503 && status !== 'no-answer')).toEqual(
      [],
    );
    expect(readiness.filter((status) => status !== 200)).toEqual([]);
    const { stored, mails } = await system.expectOneMailPerRegistration().catch(async (error: Error) => {
      const [{ pending }] = await system.owners.registration.query(
        `SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL`,
      );
      const [{ known }] = await system.owners.notifications.query(
        `SELECT count(*)::int AS known FROM registration`,
      );
      const tail = (p: ServiceProcess) =>
        p
          .logLines()
          .filter((l) => l.level !== 'info')
          .slice(-8)
          .map((l) => JSON.stringify(l).slice(0, 400))
          .join('\n');
      throw new Error(
        `${error.message}\noutbox pending ${pending}, notifications knows ${known}\n--- registration\n${tail(registration)}\n--- notifications\n${tail([...system.running].find((p) => p.baseUrl !== registration.baseUrl && p !== newcomer)!)}`,
      );
    });
    expect(stored).toBe(registered);
    process.stdout.write(
      `Kafka stopped ${outageMs} ms: ${duringOutage} registrations accepted during the outage (one by a process started ` +
        `during it), readiness 200 in all ${readiness.length} probes; ${stored} registrations, ${mails} mails, one each\n`,
    );
  }, 600_000);
});
