import { randomUUID } from 'node:crypto';
import { PrivatePostgres, ServiceProcess, waitFor } from '@respire/testing';
import { RegistrationAndMail, RegistrationAttempt } from '../support/registration-and-mail';

/**
 * PostgreSQL restarts while people register and mails go out. On a server of the test's own
 * (the shared one the other tests use is never touched): registration and notifications run as
 * their production processes; eight clients post registrations while the database goes down and
 * comes back. Nobody gets a 500, every accepted registration is stored and mailed exactly once,
 * nothing is dead-lettered.
 */
describe('fault: PostgreSQL restarts under steady registrations', () => {
  let postgres: PrivatePostgres;
  let system: RegistrationAndMail;
  let registration: ServiceProcess;
  let notifications: ServiceProcess;

  beforeAll(async () => {
    postgres = await PrivatePostgres.start();
    system = new RegistrationAndMail({ postgresAdminUrl: postgres.adminUrl() });
    await system.setUp();
    registration = await system.start('registration');
    notifications = await system.start('notifications');
    await system.waitUntilBothKnowTheSessions();
  }, 120_000);

  afterAll(async () => {
    await system?.tearDown();
    await postgres?.destroy();
  });

  it('answers no 500, loses nothing, mails each registration once and dead-letters nothing', async () => {
    // Clients as a real one behaves: an Idempotency-Key per registration, and on 503 a wait of
    // Retry-After seconds before trying the same request again.
    const outcomes: RegistrationAttempt[] = [];
    let registered = 0;
    let loading = true;
    const clients = Array.from({ length: 8 }, async (_, client) => {
      for (let n = 0; loading; n++) {
        const sessionId = system.sessionIds[(client + n) % system.sessionIds.length];
        const who = system.newParticipant();
        const key = randomUUID();
        for (;;) {
          const outcome = await system.attemptRegistration(registration.baseUrl, sessionId, who, key);
          outcomes.push(outcome);
          if (outcome.status === 201) registered += 1;
          if (outcome.status !== 503 && outcome.status !== 'no-answer') break;
          await new Promise((resolve) => setTimeout(resolve, Number(outcome.retryAfter ?? 1) * 1000));
        }
      }
    });
    const accepted = () => registered;
    await waitFor(
      async () => accepted(),
      (n) => n >= 40,
      { what: 'load before the restart', timeoutMs: 60_000 },
    );
    await waitFor(
      async () => system.smtp.messages().length,
      (n) => n >= 10,
      { what: 'mails going out' },
    );

    const stopped = Date.now();
    await postgres.restart({ downMs: 2_000 });
    const downFor = Date.now() - stopped;
    const acceptedAtRestart = accepted();
    await waitFor(
      async () => accepted(),
      (n) => n >= acceptedAtRestart + 60,
      {
        what: 'load after the restart',
        timeoutMs: 60_000,
      },
    );
    loading = false;
    await Promise.all(clients);

    const byStatus = new Map<string, number>();
    for (const o of outcomes) byStatus.set(String(o.status), (byStatus.get(String(o.status)) ?? 0) + 1);
    // An outage is a 503 that says when to come back, or a success after a retry inside the request.
    const unexpected = [...byStatus.keys()].filter((status) => status !== '201' && status !== '503');
    const errors = registration.logLines().filter((line) => line.level === 'error');
    expect({ unexpected, errors: unexpected.length ? errors.slice(0, 3) : [] }).toEqual({
      unexpected: [],
      errors: [],
    });
    expect(outcomes.filter((o) => o.status === 503 && !o.retryAfter)).toEqual([]);

    const { stored, mails } = await system.expectOneMailPerRegistration().catch((error: Error) => {
      throw new Error(
        `${error.message}\n--- registration\n${registration.output().slice(-3000)}\n--- notifications\n${notifications.output().slice(-3000)}`,
      );
    });
    expect(stored).toBe(accepted());

    const metrics = await (await fetch(`${notifications.baseUrl}/metrics`)).text();
    expect(metrics).not.toMatch(/respire_events_dead_lettered_total\{[^}]*\} [1-9]/);
    const heldFor = /respire_consumer_transient_retries_total\{[^}]*\} (\d+)/.exec(metrics)?.[1] ?? '0';
    const registrationMetrics = await (await fetch(`${registration.baseUrl}/metrics`)).text();
    expect(registrationMetrics).not.toMatch(/respire_events_dead_lettered_total\{[^}]*\} [1-9]/);

    process.stdout.write(
      `PostgreSQL restart (down ${downFor} ms): ${accepted()} registrations accepted, ` +
        `${byStatus.get('503') ?? 0} answers 503 with Retry-After (retried by the client), 0 answered 500; ${mails} mails, ` +
        `one per registration, no duplicate, no dead letter (notifications' consumer retried ${heldFor} handler tries)\n`,
    );
  }, 600_000);
});
