import { DataSource } from 'typeorm';
import { NOTIFICATIONS_MIGRATIONS } from '../../apps/notifications/src/infrastructure/migrations';
import { REGISTRATION_MIGRATIONS } from '../../apps/registration/src/infrastructure/migrations';
import {
  CatalogFeed,
  newTenant,
  participant,
  sessionPublished,
  TenantFixture,
  tenantCreated,
} from '../../apps/registration/test/support';
import { ProcessStack, ServiceProcess, TestDatabase, TestKafka, waitFor } from '@respire/testing';
import { SmtpTestServer } from '@respire/testing/smtp';
import { waitUntilSessionsKnown } from './counts';

export type MailService = 'registration' | 'notifications';

export interface RegistrationAttempt {
  status: number | 'no-answer';
  retryAfter: string | null;
}

/**
 * Registration and notifications as the processes production runs (their main.ts, every role),
 * on real PostgreSQL (the shared server, or one given by `postgresAdminUrl`), Kafka, Redis and
 * an SMTP test server, with one tenant and a few published sessions fed as catalog events.
 */
export class RegistrationAndMail {
  readonly tenant: TenantFixture = newTenant();
  readonly sessionIds: string[] = [];
  readonly databases = {} as Record<MailService, TestDatabase>;
  readonly owners = {} as Record<MailService, DataSource>;
  private stack!: ProcessStack<MailService>;
  private feed!: CatalogFeed;

  constructor(
    private readonly options: {
      postgresAdminUrl?: string;
      /** A fault test's own broker (PrivateKafka) instead of the shared one. */
      kafkaBrokers?: string[];
      sessions?: number;
      capacity?: number;
      startsInMinutes?: number;
      waitlist?: Parameters<typeof tenantCreated>[1];
    } = {},
  ) {}

  get smtp(): SmtpTestServer {
    return this.stack.smtp;
  }

  get kafka(): TestKafka {
    return this.stack.kafka;
  }

  get running(): ReadonlySet<ServiceProcess> {
    return this.stack.running;
  }

  /** The Redis key prefix of one service's queues. */
  redisPrefixOf(service: MailService): string {
    return this.stack.redisPrefixOf(service);
  }

  async setUp(): Promise<void> {
    this.stack = await ProcessStack.open({ kafkaBrokers: this.options.kafkaBrokers });
    const adminUrl = this.options.postgresAdminUrl;
    this.databases.registration = await this.stack.addDatabase('registration', REGISTRATION_MIGRATIONS, {
      adminUrl,
    });
    this.databases.notifications = await this.stack.addDatabase('notifications', NOTIFICATIONS_MIGRATIONS, {
      adminUrl,
    });
    this.owners.registration = await this.databases.registration.dataSource('owner');
    this.owners.notifications = await this.databases.notifications.dataSource('owner');
    this.feed = new CatalogFeed(this.kafka);
    const sessions = Array.from({ length: this.options.sessions ?? 3 }, () =>
      sessionPublished(this.tenant.tenantId, {
        capacity: this.options.capacity ?? 2000,
        ...(this.options.startsInMinutes ? { startsInMinutes: this.options.startsInMinutes } : {}),
      }),
    );
    this.sessionIds.push(...sessions.map((event) => event.data.sessionId));
    await this.feed.publish(tenantCreated(this.tenant, this.options.waitlist), ...sessions);
  }

  async tearDown(): Promise<void> {
    await this.stack?.killAll();
    await this.feed?.close();
    for (const service of ['registration', 'notifications'] as const) {
      if (this.owners[service]?.isInitialized) await this.owners[service].destroy().catch(() => undefined);
    }
    await this.stack?.tearDown();
  }

  start(service: MailService, { port, env = {} }: { port?: number; env?: Record<string, string> } = {}) {
    const processEnv = this.stack.envOf(service, {
      ROLE: 'http,consumer,relay,worker',
      LOG_LEVEL: 'info',
      PUBLIC_RATE_LIMIT: '0',
      ...(service === 'notifications'
        ? { SMTP_URL: this.smtp.url, NOTIFICATIONS_SWEEP_INTERVAL_SECONDS: '2' }
        : {}),
      ...env,
    });
    return this.stack.spawn(`apps/${service}/src/main.ts`, processEnv, { port });
  }

  waitUntilBothKnowTheSessions(): Promise<void> {
    return waitUntilSessionsKnown(this.owners, this.sessionIds);
  }

  register(baseUrl: string, sessionId: string, body: object, headers: Record<string, string> = {}) {
    return fetch(`${baseUrl}/v1/public/tenants/${this.tenant.slug}/sessions/${sessionId}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }

  /**
   * One attempt at a registration with its Idempotency-Key, as a client retrying through an
   * outage makes it: the answer's status and Retry-After, or 'no-answer' when the request failed.
   */
  async attemptRegistration(
    baseUrl: string,
    sessionId: string,
    body: object,
    idempotencyKey: string,
  ): Promise<RegistrationAttempt> {
    try {
      const response = await this.register(baseUrl, sessionId, body, { 'idempotency-key': idempotencyKey });
      await response.arrayBuffer();
      return { status: response.status, retryAfter: response.headers.get('retry-after') };
    } catch {
      return { status: 'no-answer', retryAfter: null };
    }
  }

  /** Every stored registration has exactly one delivery, sent, and one mail; no Message-ID twice. */
  async expectOneMailPerRegistration(): Promise<{ stored: number; mails: number }> {
    const stored: { id: string; email: string }[] = await this.owners.registration.query(
      `SELECT r.id, p.email FROM registration r JOIN participant p ON p.tenant_id = r.tenant_id AND p.id = r.participant_id`,
    );
    await waitFor(
      async () =>
        stored.filter(({ email }) => !this.smtp.messages().some((m) => m.envelope.to.includes(email))).length,
      (missing) => missing === 0,
      { what: 'a mail for every stored registration', stallMs: 60_000, timeoutMs: 400_000, intervalMs: 250 },
    );
    await waitFor(
      () => this.owners.notifications.query(`SELECT count(*)::int AS n FROM delivery WHERE status <> 'sent'`),
      (rows) => rows[0].n === 0,
      { what: 'every delivery sent' },
    );
    const deliveries: { registration_id: string }[] = await this.owners.notifications.query(
      `SELECT registration_id FROM delivery`,
    );
    const copies = new Map<string, number>();
    for (const mail of this.smtp.messages())
      copies.set(mail.messageId!, (copies.get(mail.messageId!) ?? 0) + 1);
    expect({
      deliveries: deliveries.length,
      mails: this.smtp.messages().length,
      duplicateMessageIds: [...copies.values()].filter((n) => n > 1).length,
    }).toEqual({ deliveries: stored.length, mails: stored.length, duplicateMessageIds: 0 });
    return { stored: stored.length, mails: this.smtp.messages().length };
  }

  newParticipant() {
    return participant();
  }
}
