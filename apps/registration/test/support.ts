import { request as httpRequest } from 'node:http';
import { v7 as uuidv7 } from 'uuid';
import {
  createEvent,
  EventDefinition,
  EventEnvelope,
  eventRegistry,
  SESSION_PUBLISHED_V1,
  SessionPublishedV1,
  TENANT_CREATED_V1,
  TenantCreatedV1,
  Topic,
} from '@respire/contracts';
import { MessageProducer } from '@respire/messaging';
import { Role } from '@respire/tenancy';
import { startTestService, TestKafka, TestService, waitFor } from '@respire/testing';
import { Clock } from '@respire/platform';
import { RegistrationEnv, registrationEnvSchema } from '../src/config/env.schema';
import { REGISTRATION_MIGRATIONS } from '../src/infrastructure/migrations';
import { RegistrationModule } from '../src/registration.module';

export type RegistrationService = TestService<RegistrationEnv>;

export function startRegistration(
  options: {
    kafka?: TestKafka;
    extraEnv?: Record<string, string>;
    clock?: Clock;
    shareWith?: RegistrationService;
  } = {},
): Promise<RegistrationService> {
  return startTestService({
    service: 'registration',
    env: registrationEnvSchema,
    module: (config) => RegistrationModule.forRoot(config, { clock: options.clock }),
    migrations: REGISTRATION_MIGRATIONS,
    kafka: options.kafka ?? options.shareWith?.kafka,
    extraEnv: { PUBLIC_RATE_LIMIT: '0', REGISTRATION_NO_SHOW_DELAY_MINUTES: '0', ...options.extraEnv },
    shareWith: options.shareWith
      ? { db: options.shareWith.db, redisPrefix: options.shareWith.redisPrefix }
      : undefined,
  });
}

/** A registration service that knows these tenants (their tenant.created events fed as catalog would, and applied), with the feed to publish more. */
export async function startWithTenants(
  options: Parameters<typeof startRegistration>[0],
  ...tenants: EventEnvelope<TenantCreatedV1>[]
): Promise<{ service: RegistrationService; feed: CatalogFeed }> {
  const service = await startRegistration(options);
  const feed = new CatalogFeed(service.kafka);
  await feed.publish(...tenants);
  for (const tenant of tenants) await waitForTenant(service, tenant.data.slug);
  return { service, feed };
}

/** A test file's registration service, its catalog feed, and what tests ask of them by tenant. */
export interface RegistrationTestbed {
  readonly service: RegistrationService;
  readonly feed: CatalogFeed;
  /** A coordinator token for the tenant. */
  coordinator(tenantId: string): Promise<string>;
  /** Publishes a session of the tenant as catalog would, once the service knows it; its id. */
  publishSession(tenantId: string, overrides?: Parameters<typeof sessionPublished>[1]): Promise<string>;
  waitForSession(tenantId: string, sessionId: string): Promise<void>;
  /** The events the service wrote to its outbox (of one type, when given), oldest first. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  outboxEvents(type?: string): Promise<EventEnvelope<any>[]>;
  /** The first event of `type` the service wrote for the registration, once it has. */
  eventOf(type: string, registrationId: string): ReturnType<typeof eventOf>;
}

/**
 * A test file's service (`startWithTenants`): started in the file's `beforeAll`, closed in its
 * `afterAll`. Its members are there once the `beforeAll` ran (inside tests and hooks). A tenant is
 * given as its tenant.created event, or as a fixture (created with the default settings).
 */
export function useRegistration(
  options: Parameters<typeof startRegistration>[0],
  ...tenants: (TenantFixture | EventEnvelope<TenantCreatedV1>)[]
): RegistrationTestbed {
  let started: { service: RegistrationService; feed: CatalogFeed } | undefined;
  beforeAll(async () => {
    started = await startWithTenants(
      options,
      ...tenants.map((tenant) => ('data' in tenant ? tenant : tenantCreated(tenant))),
    );
  });
  afterAll(async () => {
    await started?.feed.close();
    await started?.service.close();
  });
  return {
    get service() {
      return started!.service;
    },
    get feed() {
      return started!.feed;
    },
    coordinator: (tenantId) => coordinator(started!.service, tenantId),
    publishSession: (tenantId, overrides) =>
      publishSession(started!.service, started!.feed, tenantId, overrides),
    waitForSession: (tenantId, sessionId) => waitForSession(started!.service, tenantId, sessionId),
    outboxEvents: (type) => outboxEvents(started!.service, type),
    eventOf: (type, registrationId) => eventOf(started!.service, type, registrationId),
  };
}

/** Publishes a session of the tenant as catalog would and waits until the service knows it; its id. */
export async function publishSession(
  service: RegistrationService,
  feed: CatalogFeed,
  tenantId: string,
  overrides: Parameters<typeof sessionPublished>[1] = {},
): Promise<string> {
  const event = sessionPublished(tenantId, overrides);
  await feed.publish(event);
  await waitForSession(service, tenantId, event.data.sessionId);
  return event.data.sessionId;
}

/** The first event of `type` the service wrote for the registration, once it has. */
export async function eventOf(service: RegistrationService, type: string, registrationId: string) {
  const [event] = await waitFor(
    async () => (await outboxEvents(service, type)).filter((e) => e.data.registrationId === registrationId),
    (events) => events.length > 0,
    { what: `${type} for ${registrationId}`, timeoutMs: 20_000 },
  );
  return event;
}

/** Feeds the service catalog events the way catalog would: on its topic, keyed as the contract says. */
export class CatalogFeed {
  private producer: MessageProducer | null = null;

  constructor(private readonly kafka: TestKafka) {}

  async publish(...events: EventEnvelope[]): Promise<void> {
    this.producer ??= new MessageProducer(this.kafka.settings);
    await this.producer.send(
      events.map((event) => {
        const definition = eventRegistry.find(event.type, event.version) as EventDefinition;
        return {
          topic: `${this.kafka.prefix}${Topic.Catalog}`,
          key: definition.partitionKey(event.data, event.tenantId),
          value: JSON.stringify(event),
        };
      }),
    );
  }

  async close(): Promise<void> {
    await this.producer?.close();
  }
}

export interface TenantFixture {
  tenantId: string;
  slug: string;
}

export function tenantCreated(
  tenant: TenantFixture,
  waitlist: Partial<TenantCreatedV1['waitlist']> = {},
  lateCancellationMinutes = 1440,
): EventEnvelope<TenantCreatedV1> {
  const example = TENANT_CREATED_V1.example as TenantCreatedV1;
  return createEvent(
    TENANT_CREATED_V1,
    {
      ...example,
      tenantId: tenant.tenantId,
      slug: tenant.slug,
      waitlist: { ...example.waitlist, ...waitlist },
      lateCancellationMinutes,
    },
    { tenantId: tenant.tenantId, source: 'catalog', subject: tenant.tenantId },
  );
}

export function newTenant(): TenantFixture {
  const tenantId = uuidv7();
  return { tenantId, slug: `cpts-${tenantId.slice(-12)}` };
}

export function sessionPublished(
  tenantId: string,
  overrides: Partial<SessionPublishedV1> & {
    startsInMinutes?: number;
    durationMinutes?: number;
    now?: Date;
  } = {},
): EventEnvelope<SessionPublishedV1> {
  const { startsInMinutes = 7 * 24 * 60, durationMinutes = 60, now = new Date(), ...data } = overrides;
  const startsAt = new Date(now.getTime() + startsInMinutes * 60_000);
  const sessionId = data.sessionId ?? uuidv7();
  return createEvent(
    SESSION_PUBLISHED_V1,
    {
      ...(SESSION_PUBLISHED_V1.example as SessionPublishedV1),
      activityId: uuidv7(),
      registrationOpensAt: null,
      registrationClosesAt: null,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + durationMinutes * 60_000).toISOString(),
      capacity: 10,
      ...data,
      sessionId,
    },
    { tenantId, source: 'catalog', subject: sessionId },
  ) as EventEnvelope<SessionPublishedV1>;
}

let counter = 0;
/** A valid registration form; `n` makes the email unique. */
export function participant(n = ++counter, overrides: Record<string, unknown> = {}) {
  return {
    email: `soignant.${n}.${uuidv7().slice(-6)}@example.org`,
    firstName: 'Claire',
    lastName: `Martin ${n}`,
    profession: 'infirmier',
    practiceMode: 'liberal',
    postcode: '25000',
    consents: { dataProcessing: true },
    ...overrides,
  };
}

/** A coordinator token for the tenant. */
export function coordinator(service: RegistrationService, tenantId: string): Promise<string> {
  return service.token(Role.Coordinator, tenantId);
}

/** Waits until the service knows the session (its list route stops answering 404). */
export async function waitForSession(
  service: RegistrationService,
  tenantId: string,
  sessionId: string,
): Promise<void> {
  const token = await coordinator(service, tenantId);
  await waitFor(
    () => service.request('GET', `/v1/sessions/${sessionId}/registrations`, { token }),
    (response) => response.status === 200,
    { what: `session ${sessionId} to be known` },
  );
}

export async function waitForTenant(service: RegistrationService, slug: string): Promise<void> {
  const data = await ownerData(service);
  await waitFor(
    () => data.query(`SELECT 1 FROM tenant_directory WHERE slug = $1`, [slug]),
    (rows: unknown[]) => rows.length > 0,
    { what: `tenant ${slug} to be known` },
  );
}

/** The events the service wrote to its outbox (what it publishes), oldest first. */
export async function outboxEvents(
  service: RegistrationService,
  type?: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<EventEnvelope<any>[]> {
  const data = await ownerData(service);
  const rows: { payload: EventEnvelope }[] = await data.query(
    `SELECT payload FROM outbox ${type ? 'WHERE type = $1' : ''} ORDER BY seq`,
    type ? [type] : [],
  );
  return rows.map((row) => row.payload);
}

const owners = new WeakMap<RegistrationService['db'], ReturnType<RegistrationService['db']['dataSource']>>();
export function ownerData(service: RegistrationService) {
  let data = owners.get(service.db);
  if (!data) {
    data = service.db.dataSource('owner');
    owners.set(service.db, data);
  }
  return data;
}

/** The token of a participant link (from an event's links). */
export function tokenOf(link: string): string {
  return new URL(link).searchParams.get('token')!;
}

/** POST JSON with node:http through `agent` (keep-alive, bounded sockets); for load tests. */
export function postJson(
  agent: import('node:http').Agent,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; body: any; headers: import('node:http').IncomingHttpHeaders }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            /* keep the text */
          }
          resolve({ status: response.statusCode ?? 0, body: parsed, headers: response.headers });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}
