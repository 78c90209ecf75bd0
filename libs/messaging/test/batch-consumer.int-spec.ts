import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  deadLetterTopic,
  EventEnvelope,
  EventHeader,
  eventRegistry,
  SESSION_PUBLISHED_V1,
  Topic,
} from '@respire/contracts';
import { createTestDatabase, createTestKafka, TestDatabase, TestKafka, waitFor } from '@respire/testing';
import {
  EventBatchHandler,
  EventConsumer,
  EventHandlerRegistration,
  MessageProducer,
  MessagingTables1763900000000,
  ReceivedMessage,
  TopicReader,
} from '../src';
import { EffectsTable1763900000001, sessionPublished } from './fixtures';

const silent = () => undefined;

/** A batch handler writing one effect row per event in one statement; `poisoned` sessions make it fail. */
function recordingHandler(poisoned = new Set<string>()) {
  const calls: { tenantId: string; setting: string; ids: string[] }[] = [];
  const handler: EventBatchHandler = {
    name: 'recordBatch',
    definitions: [SESSION_PUBLISHED_V1],
    async handleBatch(events, { manager, tenantId }) {
      const [{ setting }] = await manager.query(`SELECT current_setting('app.tenant_id') AS setting`);
      calls.push({ tenantId, setting, ids: events.map((e) => e.id) });
      const sessions = events.map((e) => (e.data as { sessionId: string }).sessionId);
      if (sessions.some((s) => poisoned.has(s))) throw new Error('projection bug');
      await manager.query(
        `INSERT INTO effects (event_id, session_id, capacity)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[])
         ON CONFLICT (event_id) DO UPDATE SET hits = effects.hits + 1`,
        [events.map((e) => e.id), sessions, events.map(() => events.length)],
      );
    },
  };
  return { handler, calls };
}

describe('batch consumer: one transaction per partition batch (real PostgreSQL and Kafka)', () => {
  let kafka: TestKafka;
  let db: TestDatabase;
  let data: DataSource;
  let producer: MessageProducer;
  let consumer: EventConsumer | null = null;

  beforeAll(async () => {
    kafka = await createTestKafka();
    db = await createTestDatabase([MessagingTables1763900000000, EffectsTable1763900000001]);
    data = await db.dataSource();
    producer = new MessageProducer(kafka.settings);
  });

  afterEach(async () => {
    await consumer?.stop();
    consumer = null;
  });

  afterAll(async () => {
    await producer?.close();
    await db?.drop();
    await kafka?.cleanup();
  });

  function send(events: EventEnvelope[], key: string) {
    return producer.send(
      events.map((e) => ({ topic: kafka.prefix + Topic.Catalog, key, value: JSON.stringify(e) })),
    );
  }

  async function start(
    handler: EventBatchHandler,
    groupId: string,
    maxBatchSize = 50,
  ): Promise<EventConsumer> {
    consumer = new EventConsumer(kafka.settings, producer, data, eventRegistry, handler, {
      groupId,
      topics: [Topic.Catalog],
      prefix: kafka.prefix,
      retryInitialMs: 10,
      maxAttempts: 2,
      maxBatchSize,
      log: silent,
    });
    await consumer.start();
    return consumer;
  }

  const effects = (ids: string[]): Promise<{ event_id: string; hits: number; capacity: number }[]> =>
    data.query(
      `SELECT event_id, hits, capacity FROM effects WHERE event_id = ANY($1::uuid[]) ORDER BY received_seq`,
      [ids],
    );

  it('hands a backlog over in batches, per tenant, in offset order, with the tenant set; a redelivered batch changes nothing', async () => {
    const [a, b] = [uuidv7(), uuidv7()];
    const key = uuidv7(); // one partition: the order is the offsets'
    const events = Array.from({ length: 120 }, (_, i) => sessionPublished(i % 3 === 0 ? b : a, uuidv7()));
    const withDuplicate = [...events.slice(0, 60), events[10], ...events.slice(60)]; // a producer retry's copy
    await send(withDuplicate, key);
    const { handler, calls } = recordingHandler();
    const groupId = `batch-${uuidv7()}`;
    const running = await start(handler, groupId);
    const ids = events.map((e) => e.id);
    await waitFor(
      () => effects(ids),
      (rows) => rows.length === events.length,
      { what: 'every event' },
    );

    const rows = await effects(ids);
    expect(rows.every((r) => r.hits === 1)).toBe(true);
    expect(Math.max(...rows.map((r) => r.capacity))).toBeGreaterThan(1); // several events per transaction
    expect(calls.every((c) => c.setting === c.tenantId)).toBe(true);
    for (const tenant of [a, b]) {
      const seen = calls.filter((c) => c.tenantId === tenant).flatMap((c) => c.ids);
      expect(seen).toEqual(events.filter((e) => e.tenantId === tenant).map((e) => e.id));
    }
    expect(running.stats.processed).toBe(events.length);
    expect(running.stats.duplicates).toBe(1);

    // The same events again (a consumer that crashed before committing its offsets, replayed).
    await consumer!.stop();
    await send(events, key);
    const replay = await start(recordingHandler().handler, groupId);
    await waitFor(
      async () => replay.stats.duplicates,
      (n) => n === events.length,
      { what: 'the replay seen as duplicates' },
    );
    expect(replay.stats.processed).toBe(0);
    expect((await effects(ids)).every((r) => r.hits === 1)).toBe(true);
  });

  it('a batch failing for a non-transient reason is retried event by event: the poisoned one is dead-lettered, the others applied once', async () => {
    const tenantId = uuidv7();
    const poisonedSession = uuidv7();
    const before = Array.from({ length: 5 }, () => sessionPublished(tenantId, uuidv7()));
    const poisoned = sessionPublished(tenantId, poisonedSession);
    const after = Array.from({ length: 5 }, () => sessionPublished(tenantId, uuidv7()));
    const dlq = await TopicReader.start(kafka.settings, {
      topics: [kafka.prefix + deadLetterTopic(Topic.Catalog)],
      groupId: `${kafka.prefix}reader-${uuidv7()}`,
    });
    await send([...before, poisoned, ...after], uuidv7());
    await start(recordingHandler(new Set([poisonedSession])).handler, `poison-${uuidv7()}`);

    const ids = [...before, ...after].map((e) => e.id);
    await waitFor(
      () => effects(ids),
      (rows) => rows.length === ids.length,
      { what: 'the healthy events' },
    );
    const [dead] = await dlq.waitFor(
      1,
      (m: ReceivedMessage) => m.headers[EventHeader.DeadLetterReason] === 'handler-failed',
    );
    expect(JSON.parse(dead.value!).id).toBe(poisoned.id);
    expect((await effects(ids)).every((r) => r.hits === 1)).toBe(true);
    expect(await data.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [poisoned.id])).toHaveLength(0);
    await dlq.close();
  });
  it('per-event handlers with eventsPerTransaction: a backlog shares transactions, each event in offset order with its tenant set, once', async () => {
    const [a, b] = [uuidv7(), uuidv7()];
    const key = uuidv7();
    const events = Array.from({ length: 90 }, (_, i) => sessionPublished(i % 4 === 0 ? b : a, uuidv7()));
    await send(events, key);
    const mine = new Set(events.map((e) => e.id));
    const seen: { id: string; tenantId: string; setting: string; tx: string; offset: string }[] = [];
    const handler: EventHandlerRegistration = {
      definition: SESSION_PUBLISHED_V1,
      name: 'recordEach',
      async handle(event, { manager, tenantId, offset }) {
        if (!mine.has(event.id)) return; // the earlier tests' events, on the same topic
        const [{ setting, tx }] = await manager.query(
          `SELECT current_setting('app.tenant_id') AS setting, txid_current()::text AS tx`,
        );
        seen.push({ id: event.id, tenantId, setting, tx, offset });
        await manager.query(`INSERT INTO effects (event_id, session_id, capacity) VALUES ($1, $2, 1)`, [
          event.id,
          (event.data as { sessionId: string }).sessionId,
        ]);
      },
    };
    await send(events.slice(0, 5), key); // copies: the inbox makes them duplicates
    consumer = new EventConsumer(kafka.settings, producer, data, eventRegistry, [handler], {
      groupId: `each-${uuidv7()}`,
      topics: [Topic.Catalog],
      prefix: kafka.prefix,
      eventsPerTransaction: 30,
      log: silent,
    });
    await consumer.start();
    const ids = events.map((e) => e.id);
    await waitFor(
      () => effects(ids),
      (rows) => rows.length === events.length,
      { what: 'every event' },
    );
    expect(seen.map((s) => s.id)).toEqual(ids);
    expect(seen.every((s) => s.setting === s.tenantId)).toBe(true);
    expect(new Set(seen.map((s) => s.tx)).size).toBeLessThan(events.length);
    expect(seen.map((s) => BigInt(s.offset))).toEqual(
      [...seen.map((s) => BigInt(s.offset))].sort((x, y) => (x < y ? -1 : 1)),
    );
    expect((await effects(ids)).length).toBe(events.length);
    expect(consumer.stats.duplicates).toBeGreaterThanOrEqual(5); // the copies (and the earlier tests' replay)
  });
});
