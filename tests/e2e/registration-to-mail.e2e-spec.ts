import { randomUUID } from 'node:crypto';
import { participant } from '../../apps/registration/test/support';
import { ServiceExit, ServiceProcess, waitFor } from '@respire/testing';
import { MailService, RegistrationAndMail } from '../support/registration-and-mail';

/**
 * Registration and notifications as the processes production runs (their main.ts, all roles),
 * on real PostgreSQL, Kafka, Redis and SMTP: a registration followed from the HTTP request to
 * the mail, and both services stopped with SIGTERM in the middle of a load.
 */
describe('registration to mail, across processes', () => {
  const system = new RegistrationAndMail();
  /** Registrations made before the load test (the traced one). */
  const earlierRegistrations = new Set<string>();
  const start = (service: MailService, port?: number) => system.start(service, { port });

  beforeAll(() => system.setUp(), 60_000);
  afterAll(() => system.tearDown());

  /** Exited by itself after draining (Nest re-raises the signal once closed), not by the deadline or a crash. */
  function expectCleanExit(exit: ServiceExit, service: ServiceProcess): void {
    if (exit !== 0 && exit !== 'SIGTERM')
      throw new Error(`exited with ${exit}:\n${service.output().slice(-4000)}`);
    expect(service.output()).toContain('SIGTERM received');
  }

  let registration: ServiceProcess;
  let notifications: ServiceProcess;

  it('carries one trace id from the HTTP log line to the consumer log line and the mail log line', async () => {
    registration = await start('registration');
    notifications = await start('notifications');
    await system.waitUntilBothKnowTheSessions();

    const who = participant();
    const correlationId = `trace-test-${randomUUID()}`;
    const response = await system.register(registration.baseUrl, system.sessionIds[0], who, {
      'x-correlation-id': correlationId,
    });
    expect(response.status).toBe(201);
    const { id: registrationId } = (await response.json()) as { id: string };
    earlierRegistrations.add(registrationId);
    await system.smtp.waitFor((mail) => mail.envelope.to.includes(who.email), { timeoutMs: 30_000 });

    const httpLine = registration
      .logLines()
      .find((line) => line.msg === 'request completed' && line.correlationId === correlationId);
    expect(httpLine).toMatchObject({
      method: 'POST',
      statusCode: 201,
      route: expect.stringContaining('/registrations'),
    });
    const traceId = httpLine!.traceId as string;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);

    const consumed = await waitFor(
      async () => notifications.logLines().filter((line) => line.traceId === traceId),
      (lines) => lines.some((line) => line.msg === 'message sent'),
      { what: `notifications log lines of trace ${traceId}` },
    );
    const consumerLine = consumed.find(
      (line) => line.msg === 'event handled' && line.eventType === 'registration.confirmed',
    );
    expect(consumerLine).toMatchObject({
      correlationId,
      tenantId: system.tenant.tenantId,
      service: 'notifications',
    });
    const mailLine = consumed.find((line) => line.msg === 'message sent');
    expect(mailLine).toMatchObject({
      template: 'registration-confirmed',
      channel: 'email',
      tenantId: system.tenant.tenantId,
      correlationId,
    });
    const [delivery] = await system.owners.notifications.query(
      `SELECT id FROM delivery WHERE registration_id = $1`,
      [registrationId],
    );
    expect(mailLine).toMatchObject({ deliveryId: delivery.id });

    const metrics = await (await fetch(`${notifications.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/respire_mails_total\{[^}]*channel="email"[^}]*result="sent"[^}]*\} 1\n/);
    expect(metrics).toMatch(/respire_mails_total\{[^}]*service="notifications"/);

    // The mail's recipient is in the logs only masked.
    expect(mailLine!.recipient).not.toContain(who.email);
    expect(registration.output() + notifications.output()).not.toContain(who.email);
  }, 300_000);

  it('loses no accepted registration and no mail when each service gets SIGTERM under load', async () => {
    type Outcome = { email: string; status: number | 'no-answer'; id?: string };
    const outcomes: Outcome[] = [];
    let target = registration;
    let loading = true;
    const clients = Array.from({ length: 8 }, async (_, client) => {
      for (let n = 0; loading; n++) {
        const who = participant();
        try {
          const response = await system.register(
            target.baseUrl,
            system.sessionIds[(client + n) % system.sessionIds.length],
            who,
          );
          const body = (await response.json().catch(() => ({}))) as { id?: string };
          outcomes.push({ email: who.email, status: response.status, id: body.id });
        } catch {
          // Refused or reset: the client was told nothing (a real one would retry).
          outcomes.push({ email: who.email, status: 'no-answer' });
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    });
    const accepted = () => outcomes.filter((o) => o.status === 201);

    const acceptedAtLeast = (n: number, what: string) =>
      waitFor(
        async () => accepted().length,
        (count) => count >= n,
        { what, timeoutMs: 60_000 },
      );

    // Registration: SIGTERM while 8 clients keep posting, then a new process on the same port.
    await acceptedAtLeast(40, 'load to be accepted');
    const acceptedBeforeStop = accepted().length;
    expectCleanExit(await registration.stop('SIGTERM'), registration);
    registration = await start('registration', Number(new URL(registration.baseUrl).port));
    target = registration;

    // Notifications: SIGTERM while registrations keep coming and mails are being sent.
    await acceptedAtLeast(acceptedBeforeStop + 40, 'load after the restart');
    await system.smtp.waitFor(() => true, { count: 20, timeoutMs: 60_000 });
    const sentBeforeStop = system.smtp.messages().length;
    expectCleanExit(await notifications.stop('SIGTERM'), notifications);
    const [{ unsent }] = await system.owners.notifications.query(
      `SELECT count(*)::int AS unsent FROM delivery WHERE status <> 'sent'`,
    );
    notifications = await start('notifications');
    await acceptedAtLeast(accepted().length + 40, 'load after both restarts');
    loading = false;
    await Promise.all(clients);
    const expected = accepted().length;

    // Every accepted registration is stored, and nothing the client was refused is.
    const stored: { id: string }[] = await system.owners.registration.query(`SELECT id FROM registration`);
    const storedIds = new Set(stored.map((row) => row.id));
    for (const outcome of accepted()) expect(storedIds.has(outcome.id!)).toBe(true);
    const acceptedIds = new Set(accepted().map((o) => o.id));
    const unanswered = outcomes.filter((o) => o.status === 'no-answer').length;
    // Rows the client never heard about can only come from requests that got no answer.
    const unknownToClients = stored.filter(
      (row) => !acceptedIds.has(row.id) && !earlierRegistrations.has(row.id),
    );
    expect(unknownToClients.length).toBeLessThanOrEqual(unanswered);
    expect(outcomes.filter((o) => o.status !== 201 && o.status !== 'no-answer' && o.status !== 503)).toEqual(
      [],
    );

    // Every stored registration gets exactly one mail; none was cut off mid-send.
    const participants = new Set(accepted().map((o) => o.email));
    await waitFor(
      async () =>
        [...participants].filter(
          (email) => !system.smtp.messages().some((m) => m.envelope.to.includes(email)),
        ).length,
      (missing) => missing === 0,
      // Mails leave one by one at the pace the machine allows: fail when they stop coming, not on a clock.
      {
        what: 'a mail for every accepted registration',
        stallMs: 60_000,
        timeoutMs: 400_000,
        intervalMs: 250,
      },
    );
    await waitFor(
      () =>
        system.owners.notifications.query(`SELECT count(*)::int AS n FROM delivery WHERE status <> 'sent'`),
      (rows) => rows[0].n === 0,
      { what: 'every delivery sent' },
    );
    const deliveries: { registration_id: string; interrupted_attempts: number }[] =
      await system.owners.notifications.query(`SELECT registration_id, interrupted_attempts FROM delivery`);
    expect(deliveries).toHaveLength(stored.length);
    expect(deliveries.filter((d) => d.interrupted_attempts > 0)).toEqual([]);
    const copies = new Map<string, number>();
    for (const mail of system.smtp.messages())
      copies.set(mail.messageId!, (copies.get(mail.messageId!) ?? 0) + 1);
    expect([...copies.values()].filter((n) => n > 1)).toEqual([]);
    expect(system.smtp.messages()).toHaveLength(stored.length);

    process.stdout.write(
      `SIGTERM under load: ${expected} registrations accepted (${acceptedBeforeStop} before the stop), ` +
        `${unanswered} requests unanswered, ${outcomes.filter((o) => o.status === 503).length} answered 503; ` +
        `${sentBeforeStop} mails sent before notifications' SIGTERM, ${unsent} left for its successor; ` +
        `${system.smtp.messages().length} mails in all, no duplicate\n`,
    );
  }, 600_000);
});
