import { v7 as uuidv7 } from 'uuid';
import {
  createEvent,
  EventDefinition,
  EventEnvelope,
  REGISTRATION_CANCELLED_V1,
  REGISTRATION_CONFIRMED_V1,
  REGISTRATION_OFFERED_V1,
  Topic,
} from '@respire/contracts';
import { MessageProducer, TopicReader } from '@respire/messaging';
import { Role } from '@respire/tenancy';
import { startTestService, TestService } from '@respire/testing';
import { CatalogModule } from '../src/catalog.module';
import { CatalogEnv, catalogEnvSchema } from '../src/config/env.schema';
import { CATALOG_MIGRATIONS } from '../src/infrastructure/migrations';

export type CatalogService = TestService<CatalogEnv>;

/** The real catalog service on its own database, Kafka prefix and Redis prefix. */
export function startCatalog(extraEnv: Record<string, string> = {}): Promise<CatalogService> {
  return startTestService({
    service: 'catalog',
    env: catalogEnvSchema,
    module: (config) => CatalogModule.forRoot(config),
    migrations: CATALOG_MIGRATIONS,
    // The completion sweep is driven by the tests that need it.
    extraEnv: { CATALOG_COMPLETION_INTERVAL_MS: '0', PUBLIC_RATE_LIMIT: '0', ...extraEnv },
  });
}

export interface TenantFixture {
  id: string;
  slug: string;
  coordinator: string;
  venueId: string;
  otherVenueId: string;
  facilitatorId: string;
  programmeId: string;
  activityId: string;
}

/** A tenant with a coordinator token, a programme, two venues, a facilitator and an activity. */
export async function createTenantFixture(service: CatalogService, slug: string): Promise<TenantFixture> {
  const admin = await service.token(Role.PlatformAdmin);
  const tenant = await expectStatus(
    service.request('POST', '/v1/tenants', { token: admin, body: { slug, name: `CPTS ${slug}` } }),
    201,
  );
  const coordinator = await service.token(Role.Coordinator, tenant.id);
  const post = (path: string, body: unknown) =>
    expectStatus(service.request('POST', path, { token: coordinator, body }), 201);
  const venue = await post('/v1/venues', {
    name: 'Association Le Don du Souffle',
    address: '2 rue de Vesoul, 25000 Besançon',
  });
  const otherVenue = await post('/v1/venues', { name: 'CaPaciTéS Besançon' });
  const facilitator = await post('/v1/facilitators', { name: 'Camille Durand' });
  const programme = await post('/v1/programmes', {
    title: "L'instant des soignants",
    startsOn: '2026-01-01',
    endsOn: '2027-12-31',
  });
  const activity = await post('/v1/activities', {
    programmeId: programme.id,
    title: 'Cardio boxing',
    category: 'Énergie & Mouvement',
    capacity: 15,
    durationMinutes: 60,
    venueId: venue.id,
    facilitatorId: facilitator.id,
  });
  return {
    id: tenant.id,
    slug,
    coordinator,
    venueId: venue.id,
    otherVenueId: otherVenue.id,
    facilitatorId: facilitator.id,
    programmeId: programme.id,
    activityId: activity.id,
  };
}

export async function expectStatus<T = any>( // eslint-disable-line @typescript-eslint/no-explicit-any
  response: Promise<{ status: number; body: T }>,
  status: number,
): Promise<T> {
  const { status: actual, body } = await response;
  if (actual !== status) throw new Error(`expected HTTP ${status}, got ${actual}: ${JSON.stringify(body)}`);
  return body;
}

/** A local date `days` from today (UTC calendar), for sessions that must be in the future. */
export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Reads the catalog topic from its beginning with a throwaway consumer group and keeps every
 * event, so a test can count exactly what was published.
 */
export class CatalogTopicReader {
  readonly events: EventEnvelope[] = [];
  private reader: TopicReader | null = null;

  constructor(private readonly service: CatalogService) {}

  async start(): Promise<void> {
    this.reader = await TopicReader.start(this.service.kafka.settings, {
      topics: [`${this.service.kafka.prefix}${Topic.Catalog}`],
      groupId: `${this.service.kafka.prefix}reader-${uuidv7()}`,
      onMessage: (message) => void this.events.push(JSON.parse(message.value!)),
    });
  }

  async stop(): Promise<void> {
    await this.reader?.close();
  }

  of(subject: string): EventEnvelope[] {
    return this.events.filter((event) => event.subject === subject);
  }

  /** Waits until `subject` has at least `count` events, then a little longer so a duplicate would show. */
  async waitFor(subject: string, count: number, settleMs = 1500): Promise<EventEnvelope[]> {
    const deadline = Date.now() + 30_000;
    while (this.of(subject).length < count) {
      if (Date.now() > deadline) {
        throw new Error(
          `expected ${count} events for ${subject}, got ${JSON.stringify(this.of(subject).map((e) => e.type))}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    return this.of(subject);
  }
}

/** Plays the registration service: produces registration events onto the test's Kafka prefix. */
export class RegistrationEvents {
  private producer: MessageProducer | null = null;

  constructor(private readonly service: CatalogService) {}

  async start(): Promise<void> {
    this.producer = new MessageProducer(this.service.kafka.settings);
  }

  async stop(): Promise<void> {
    await this.producer?.close();
  }

  async send(
    tenantId: string,
    definition: EventDefinition,
    data: Record<string, unknown>,
  ): Promise<EventEnvelope> {
    const event = createEvent(definition, data as never, {
      tenantId,
      source: 'registration',
      subject: String(data.registrationId),
    });
    return this.resend(event);
  }

  /** Delivers an event again, as Kafka may (same id). */
  async resend(event: EventEnvelope): Promise<EventEnvelope<Record<string, unknown>>> {
    await this.producer!.send([
      {
        topic: `${this.service.kafka.prefix}${Topic.Registration}`,
        key: String((event.data as { sessionId: string }).sessionId),
        value: JSON.stringify(event),
      },
    ]);
    return event as EventEnvelope<Record<string, unknown>>;
  }

  /** The event's example, of this registration of the session by a new participant. */
  private ofRegistration(
    definition: EventDefinition,
    tenantId: string,
    sessionId: string,
    registrationId: string,
  ): Promise<EventEnvelope> {
    const data = { ...(definition.example as object), registrationId, sessionId, participantId: uuidv7() };
    return this.send(tenantId, definition, data);
  }

  confirmed(tenantId: string, sessionId: string, registrationId = uuidv7()) {
    return this.ofRegistration(REGISTRATION_CONFIRMED_V1, tenantId, sessionId, registrationId);
  }

  offered(tenantId: string, sessionId: string, registrationId = uuidv7()) {
    return this.ofRegistration(REGISTRATION_OFFERED_V1, tenantId, sessionId, registrationId);
  }

  cancelled(tenantId: string, sessionId: string, registrationId: string) {
    return this.ofRegistration(REGISTRATION_CANCELLED_V1, tenantId, sessionId, registrationId);
  }
}
