import { v7 as uuidv7 } from 'uuid';
import { deadLetterTopic, EventHeader, eventRegistry, Topic } from '@respire/contracts';
import { createTestKafka, uniqueSuffix, waitFor } from '@respire/testing';
import {
  EventConsumer,
  EventConsumerOptions,
  KafkaAdmin,
  MessagingLog,
  Outbox,
  OutboxRelay,
  TopicReader,
} from '../src';
import { catalogConsumer, recordEffect, sessionPublished, usePublisherAndConsumer } from './fixtures';

const tenantId = uuidv7();
const silent = () => undefined;

describe('consumer group members, failures and lag (real PostgreSQL and Kafka)', () => {
  const world = usePublisherAndConsumer();
  let admin: KafkaAdmin;
  let running: (EventConsumer | OutboxRelay)[] = [];
  const outbox = new Outbox();

  beforeAll(async () => {
    admin = new KafkaAdmin(world.kafka.settings);
  });

  afterEach(async () => {
    for (const part of running) await part.stop();
    running = [];
  });

  afterAll(async () => {
    await admin?.close();
  });

  function consumer(options: Partial<EventConsumerOptions> = {}): EventConsumer {
    const member = catalogConsumer(world, [recordEffect], { groupId: `group-${uuidv7()}`, ...options });
    running.push(member);
    return member;
  }

  function relay(): OutboxRelay {
    const part = new OutboxRelay({ connectionString: world.producerDb.appUrl }, world.producer, {
      service: 'producer',
      topicPrefix: world.kafka.prefix,
      log: silent,
    });
    running.push(part);
    part.start();
    return part;
  }

  it('applies each event once and in per-key order while members join and leave the group', async () => {
    const groupId = `group-${uuidv7()}`;
    const sessions = Array.from({ length: 10 }, () => uuidv7());
    const commitBatches = async (from: number, to: number) => {
      for (let batch = from; batch < to; batch++) {
        await world.producerData.transaction((manager) =>
          outbox.addAll(
            manager,
            sessions.map((sessionId) => sessionPublished(tenantId, sessionId, batch + 1)),
          ),
        );
      }
    };
    type Row = { session_id: string; capacity: number; hits: number };
    const effects = (): Promise<Row[]> =>
      world.consumerData.query(
        `SELECT session_id, capacity, hits FROM effects WHERE session_id = ANY($1::uuid[]) ORDER BY received_seq`,
        [sessions],
      );

    relay();
    const first = consumer({ groupId });
    await first.start();
    await commitBatches(0, 30);
    const second = consumer({ groupId });
    await second.start(); // the group rebalances: both members hold partitions
    await commitBatches(30, 60);
    // One transaction per event: on a loaded CI machine this runs at a few dozen events a second,
    // so the waits fail on a stall (no new effect for a while), not on a pace.
    await waitFor(effects, (rows) => rows.length >= 600, {
      what: 'the events committed while both members ran',
      timeoutMs: 120_000,
      stallMs: 30_000,
    });
    await first.stop(); // the group rebalances again: the second member takes everything
    await commitBatches(60, 100);

    const rows = await waitFor(effects, (r) => r.length >= 1000, {
      what: '1,000 effects',
      timeoutMs: 120_000,
      stallMs: 30_000,
    });
    expect(rows).toHaveLength(1000);
    expect(rows.every((row) => row.hits === 1)).toBe(true);
    for (const sessionId of sessions) {
      expect(rows.filter((r) => r.session_id === sessionId).map((r) => r.capacity)).toEqual(
        Array.from({ length: 100 }, (_, i) => i + 1),
      );
    }
    expect(second.stats.processed).toBeGreaterThan(0);
    expect(first.stats.processed).toBeGreaterThan(0);
  }, 300_000);

  it('holds a partition while its dead letter cannot be written, and moves on once it can', async () => {
    // A prefix with the catalog topic and no DLQ yet.
    const prefix = `test-${uniqueSuffix()}.`;
    const dlqTopic = prefix + deadLetterTopic(Topic.Catalog);
    await admin.createTopics([prefix + Topic.Catalog], { partitions: 3 });
    try {
      const key = uuidv7(); // one partition: the good event waits behind the bad one
      const good = sessionPublished(tenantId, uuidv7());
      const goodSession = (good.data as { sessionId: string }).sessionId;
      await world.producer.send(
        ['not json', JSON.stringify(good)].map((value) => ({ topic: prefix + Topic.Catalog, key, value })),
      );
      const warnings: string[] = [];
      const log: MessagingLog = (level, message) => void (level === 'warn' && warnings.push(message));
      const member = consumer({ prefix, restartDelayMs: 100, log });
      await member.start();

      await waitFor(
        async () => warnings,
        (w) => w.includes('consumer failed, consuming again from the committed offsets'),
        { what: 'the dead letter to fail' },
      );
      expect(
        await world.consumerData.query(`SELECT 1 FROM effects WHERE session_id = $1`, [goodSession]),
      ).toEqual([]);

      await admin.createTopics([dlqTopic], { partitions: 3 });
      await waitFor(
        () => world.consumerData.query(`SELECT 1 FROM effects WHERE session_id = $1`, [goodSession]),
        (rows) => rows.length === 1,
        { what: 'the good event once the DLQ exists', timeoutMs: 60_000 },
      );
      const reader = await TopicReader.start(world.kafka.settings, {
        topics: [dlqTopic],
        groupId: `${prefix}reader`,
      });
      const [dead] = await reader.waitFor(1);
      await reader.close();
      expect(dead.value).toBe('not json');
      expect(dead.headers[EventHeader.DeadLetterReason]).toBe('unparseable');
    } finally {
      for (const part of running) await part.stop();
      running = [];
      await admin.deleteGroups(await admin.consumerGroups(prefix));
      await admin.deleteTopics((await admin.listTopics()).filter((topic) => topic.startsWith(prefix)));
    }
  });

  it('reports a group’s lag: the whole topic before it committed, what it has not committed after', async () => {
    const own = await createTestKafka();
    const topic = own.prefix + Topic.Catalog;
    const groupId = `lag-${uuidv7()}`;
    const send = (count: number) =>
      world.producer.send(
        Array.from({ length: count }, () => sessionPublished(tenantId, uuidv7())).map((e) => ({
          topic,
          key: (e.data as { sessionId: string }).sessionId,
          value: JSON.stringify(e),
        })),
      );
    const lag = async () => (await admin.consumerLag(own.prefix + groupId, [topic])).get(topic);
    try {
      await send(5);
      expect(await lag()).toBe(5);

      const member = new EventConsumer(
        own.settings,
        world.producer,
        world.consumerData,
        eventRegistry,
        [recordEffect],
        {
          groupId,
          topics: [Topic.Catalog],
          prefix: own.prefix,
          log: silent,
        },
      );
      await member.start();
      await waitFor(lag, (messages) => messages === 0, { what: 'the group to commit everything' });
      expect(member.stats.processed).toBe(5);
      await member.stop();

      await send(2);
      expect(await lag()).toBe(2);
    } finally {
      await own.cleanup();
    }
  });
});
