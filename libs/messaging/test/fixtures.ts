import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  createEvent,
  EventEnvelope,
  eventRegistry,
  SESSION_PUBLISHED_V1,
  SessionPublishedV1,
  Topic,
} from '@respire/contracts';
import {
  createTestDatabase,
  createTestKafka,
  TestDatabase,
  TestKafka,
  testMigration,
} from '@respire/testing';
import {
  EventConsumer,
  EventConsumerOptions,
  EventHandlerRegistration,
  MessageProducer,
  MessagingTables1763900000000,
} from '../src';

/** A consumer-side table the test handler writes to: one row per subject, with a hit count. */
export const EffectsTable1763900000001 = testMigration(
  'EffectsTable1763900000001',
  [
    `CREATE TABLE effects (
       event_id uuid PRIMARY KEY,
       session_id uuid NOT NULL,
       capacity integer NOT NULL,
       hits integer NOT NULL DEFAULT 1,
       received_seq bigserial
     )`,
  ],
  `DROP TABLE effects`,
);

/** Records every handled event; a second delivery that got through would bump `hits`. */
export const recordEffect: EventHandlerRegistration = {
  definition: SESSION_PUBLISHED_V1,
  name: 'recordEffect',
  handle: async (event, { manager }) => {
    const data = event.data as { sessionId: string; capacity: number };
    await manager.query(
      `INSERT INTO effects (event_id, session_id, capacity) VALUES ($1, $2, $3)
       ON CONFLICT (event_id) DO UPDATE SET hits = effects.hits + 1`,
      [event.id, data.sessionId, data.capacity],
    );
  },
};

export function sessionPublished(tenantId: string, sessionId: string, capacity = 10): EventEnvelope {
  return createEvent(
    SESSION_PUBLISHED_V1,
    { ...(SESSION_PUBLISHED_V1.example as SessionPublishedV1), sessionId, activityId: uuidv7(), capacity },
    { tenantId, source: 'catalog', subject: sessionId },
  );
}

/** A publishing service's database, another service's (consuming) database, and Kafka. */
export interface PublisherAndConsumer {
  kafka: TestKafka;
  producerDb: TestDatabase;
  consumerDb: TestDatabase;
  producerData: DataSource;
  consumerData: DataSource;
  producer: MessageProducer;
}

/**
 * Sets up, in the file's beforeAll, a publisher's database (messaging tables), a consumer's
 * (messaging tables and effects), a Kafka prefix and a producer; closes and drops them in afterAll.
 */
export function usePublisherAndConsumer(): PublisherAndConsumer {
  const world = {} as PublisherAndConsumer;
  beforeAll(async () => {
    world.kafka = await createTestKafka();
    world.producerDb = await createTestDatabase([MessagingTables1763900000000]);
    world.consumerDb = await createTestDatabase([MessagingTables1763900000000, EffectsTable1763900000001]);
    world.producerData = await world.producerDb.dataSource();
    world.consumerData = await world.consumerDb.dataSource();
    world.producer = new MessageProducer(world.kafka.settings);
  });
  afterAll(async () => {
    await world.producer?.close();
    await world.producerDb?.drop();
    await world.consumerDb?.drop();
    await world.kafka?.cleanup();
  });
  return world;
}

/**
 * A silent consumer of the catalog topic on the consumer's database and the test's prefix;
 * `options` names its group and adds to (or overrides) the rest.
 */
export function catalogConsumer(
  world: PublisherAndConsumer,
  handlers: EventHandlerRegistration[],
  options: Partial<EventConsumerOptions> & { groupId: string },
): EventConsumer {
  return new EventConsumer(
    world.kafka.settings,
    world.producer,
    world.consumerData,
    eventRegistry,
    handlers,
    {
      topics: [Topic.Catalog],
      prefix: world.kafka.prefix,
      log: () => undefined,
      ...options,
    },
  );
}
