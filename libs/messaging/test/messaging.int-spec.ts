import { v7 as uuidv7 } from 'uuid';
import { deadLetterTopic, EventHeader, Topic } from '@respire/contracts';
import { initTracing, inSpan, RequestContext, SpanKind, startSpan } from '@respire/platform';
import { runScript, testInfrastructure, waitFor } from '@respire/testing';
import {
  EventConsumer,
  KafkaAdmin,
  MessageProducer,
  Outbox,
  OutboxRelay,
  ReceivedMessage,
  TopicReader,
} from '../src';
import { catalogConsumer, recordEffect, sessionPublished, usePublisherAndConsumer } from './fixtures';

const tenantId = uuidv7();
const silent = () => undefined;
// These cases are paced by Kafka's and the relay's share of two cores: at a load of 25 a case
// that takes 5 s alone takes over a minute. Hangs are still caught: every wait names its state
// and the slow ones give up when nothing progresses (stallMs), the crash child on a CPU budget.
const LOADED_MS = 120_000;
jest.setTimeout(300_000);

describe('outbox → Kafka → idempotent consumer (real PostgreSQL and Kafka)', () => {
  const world = usePublisherAndConsumer();
  let relay: OutboxRelay | null = null;
  let consumer: EventConsumer | null = null;
  const outbox = new Outbox();

  afterEach(async () => {
    await relay?.stop();
    await consumer?.stop();
    relay = null;
    consumer = null;
  });

  function startRelay(): OutboxRelay {
    relay = new OutboxRelay({ connectionString: world.producerDb.appUrl }, world.producer, {
      service: 'producer',
      topicPrefix: world.kafka.prefix,
      log: silent,
    });
    relay.start();
    return relay;
  }

  async function startConsumer(groupId = `consumer-${uuidv7()}`): Promise<EventConsumer> {
    consumer = catalogConsumer(world, [recordEffect], { groupId, retryInitialMs: 10, maxAttempts: 3 });
    await consumer.start();
    return consumer;
  }

  async function effectsFor(
    sessionIds: string[],
  ): Promise<{ event_id: string; session_id: string; hits: number }[]> {
    return world.consumerData.query(
      `SELECT event_id, session_id, hits FROM effects WHERE session_id = ANY($1::uuid[]) ORDER BY received_seq`,
      [sessionIds],
    );
  }

  it('delivers an event added in a committed transaction, and never one from a rolled-back transaction', async () => {
    const committed = sessionPublished(tenantId, uuidv7());
    const rolledBack = sessionPublished(tenantId, uuidv7());
    await world.producerData.transaction((manager) => outbox.add(manager, committed));
    await expect(
      world.producerData.transaction(async (manager) => {
        await outbox.add(manager, rolledBack);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    // A marker committed after the rolled-back one: once it arrives, the rolled-back event would have too.
    const marker = sessionPublished(tenantId, uuidv7());
    await world.producerData.transaction((manager) => outbox.add(manager, marker));

    startRelay();
    await startConsumer();
    const sessions = [committed, rolledBack, marker].map((e) => (e.data as { sessionId: string }).sessionId);
    const effects = await waitFor(
      () => effectsFor(sessions),
      (rows) => rows.length >= 2,
      { what: 'two effects', timeoutMs: LOADED_MS },
    );

    expect(effects.map((r) => r.event_id).sort()).toEqual([committed.id, marker.id].sort());
    expect(effects.every((r) => r.hits === 1)).toBe(true);
    const [{ pending }] = await world.producerData.query(
      `SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL`,
    );
    expect(pending).toBe(0);
  });

  it('republishes after the relay is killed between publishing and marking sent; the effect still happens once', async () => {
    const event = sessionPublished(tenantId, uuidv7());
    await world.producerData.transaction((manager) => outbox.add(manager, event));

    const { exit, output } = await runScript('libs/messaging/test/relay-crash.child.ts', [
      world.producerDb.appUrl,
      testInfrastructure.kafkaBrokers.join(','),
      world.kafka.prefix,
    ]);
    expect(exit).toBe('SIGKILL');
    expect(output).toContain('published 1');
    const [row] = await world.producerData.query(`SELECT published_at FROM outbox WHERE id = $1`, [event.id]);
    expect(row.published_at).toBeNull(); // Kafka has it, the outbox does not know

    startRelay();
    await startConsumer();
    const sessionId = (event.data as { sessionId: string }).sessionId;
    await waitFor(
      () => world.producerData.query(`SELECT published_at FROM outbox WHERE id = $1`, [event.id]),
      (rows) => rows[0].published_at !== null,
      { what: 'the restarted relay to mark the event published', timeoutMs: LOADED_MS },
    );
    // The topic now holds the event twice (and earlier tests' events): wait until the consumer
    // group has committed everything on it, so it has read past both copies.
    const admin = new KafkaAdmin(world.kafka.settings);
    try {
      await waitFor(
        async () =>
          (await admin.consumerLag(consumer!.groupId, [world.kafka.prefix + Topic.Catalog])).get(
            world.kafka.prefix + Topic.Catalog,
          ),
        (lag) => lag === 0,
        { what: 'the consumer past both copies', timeoutMs: LOADED_MS },
      );
    } finally {
      await admin.close();
    }
    expect(await effectsFor([sessionId])).toEqual([{ event_id: event.id, session_id: sessionId, hits: 1 }]);
    expect(consumer!.stats.duplicates).toBeGreaterThanOrEqual(1);
  });

  it('delivers 1,000 events over 10 keys in per-key order', async () => {
    const sessions = Array.from({ length: 10 }, () => uuidv7());
    const sent = new Map<string, number[]>(sessions.map((s) => [s, []]));
    startRelay();
    await startConsumer();
    // Committed in many small transactions while the relay runs, as a live service would.
    for (let batch = 0; batch < 100; batch++) {
      await world.producerData.transaction(async (manager) => {
        const events = sessions.map((sessionId) => sessionPublished(tenantId, sessionId, batch * 10 + 1));
        await outbox.addAll(manager, events);
      });
      for (const sessionId of sessions) sent.get(sessionId)!.push(batch * 10 + 1);
    }
    type Row = { session_id: string; capacity: number };
    const rows = await waitFor(
      (): Promise<Row[]> =>
        world.consumerData.query(
          `SELECT session_id, capacity FROM effects WHERE session_id = ANY($1::uuid[]) ORDER BY received_seq`,
          [sessions],
        ),
      (r) => r.length >= 1000,
      { what: '1,000 effects', timeoutMs: 240_000, stallMs: 30_000 },
    );
    expect(rows).toHaveLength(1000);
    for (const sessionId of sessions) {
      const received = rows.filter((r) => r.session_id === sessionId).map((r) => r.capacity);
      expect(received).toEqual(sent.get(sessionId));
    }
  });

  it('publishes the events a burst commits after a batch together, once batchIntervalMs has passed', async () => {
    const sends: { at: number; ids: string[] }[] = [];
    const counting = {
      send: async (messages: { value: string | Buffer | null }[]) => {
        sends.push({ at: Date.now(), ids: messages.map((m) => JSON.parse(String(m.value)).id) });
        await world.producer.send(messages as Parameters<MessageProducer['send']>[0]);
      },
    } as unknown as MessageProducer;
    relay = new OutboxRelay({ connectionString: world.producerDb.appUrl }, counting, {
      service: 'producer',
      topicPrefix: world.kafka.prefix,
      log: silent,
      batchIntervalMs: 1500,
    });
    relay.start();
    const first = sessionPublished(tenantId, uuidv7());
    await world.producerData.transaction((manager) => outbox.add(manager, first));
    await waitFor(
      async () => sends.some((send) => send.ids.includes(first.id)),
      (published) => published,
      { what: 'the first event published at once', timeoutMs: LOADED_MS },
    );
    // Committed one per transaction, each with its NOTIFY, while the relay waits out the interval.
    const burst = Array.from({ length: 5 }, () => sessionPublished(tenantId, uuidv7()));
    for (const event of burst) await world.producerData.transaction((manager) => outbox.add(manager, event));
    await waitFor(
      () =>
        world.producerData.query(
          `SELECT count(*)::int AS n FROM outbox WHERE id = ANY($1::uuid[]) AND published_at IS NOT NULL`,
          [burst.map((e) => e.id)],
        ),
      (rows) => rows[0].n === burst.length,
      { what: 'the burst published', timeoutMs: LOADED_MS },
    );
    // This test's events (an earlier test's late rows may share the batches).
    const ours = new Set([first.id, ...burst.map((e) => e.id)]);
    const batches = sends
      .map((send) => ({ ...send, ids: send.ids.filter((id) => ours.has(id)) }))
      .filter((send) => send.ids.length > 0);
    expect(batches.map((send) => send.ids)).toEqual([[first.id], burst.map((e) => e.id)]);
    // The first batch's start (before its read) is at most its send; the second waited for the interval.
    expect(batches[1].at - batches[0].at).toBeGreaterThanOrEqual(1000);
  });

  it('sends a malformed message and an unknown event version to the DLQ, then processes the next good one', async () => {
    const topic = world.kafka.prefix + Topic.Catalog;
    const good = sessionPublished(tenantId, uuidv7());
    const unknownVersion = { ...sessionPublished(tenantId, uuidv7()), version: 99 };
    const badData = { ...sessionPublished(tenantId, uuidv7()), data: { sessionId: 'not-a-uuid' } };
    const key = uuidv7(); // one partition, so "next" is well defined
    await world.producer.send(
      [
        '{"this is": not json',
        JSON.stringify(unknownVersion),
        JSON.stringify(badData),
        JSON.stringify(good),
      ].map((value) => ({
        topic,
        key,
        value,
      })),
    );
    const dlq = await readTopic(world.kafka.prefix + deadLetterTopic(Topic.Catalog));
    await startConsumer();

    const sessionId = (good.data as { sessionId: string }).sessionId;
    await waitFor(
      () => effectsFor([sessionId]),
      (r) => r.length === 1,
      { what: 'the good event after the bad ones', timeoutMs: LOADED_MS },
    );
    const received = await dlq.waitFor(3);
    expect(received.map((m) => m.headers[EventHeader.DeadLetterReason])).toEqual([
      'unparseable',
      'unknown-event',
      'invalid-data',
    ]);
    expect(received[1].headers[EventHeader.DeadLetterDetail]).toContain('catalog.session.published@v99');
    expect(received[0].value).toBe('{"this is": not json');
    expect(received[0].key).toBe(key);
    await dlq.close();
  });

  it('ignores unread a record whose headers name an event it does not handle (no parse, no DLQ)', async () => {
    // A topic nothing else in this file writes to, so that the consumer's counts are this test's.
    const topic = world.kafka.prefix + Topic.Registration;
    const key = uuidv7();
    const good = sessionPublished(tenantId, uuidv7());
    await world.producer.send([
      {
        topic,
        key,
        value: 'never read: not even JSON',
        headers: { [EventHeader.Type]: 'registration.cancelled', [EventHeader.Version]: '1' },
      },
      { topic, key, value: JSON.stringify(good) },
    ]);
    consumer = catalogConsumer(world, [recordEffect], {
      groupId: `consumer-${uuidv7()}`,
      topics: [Topic.Registration],
    });
    await consumer.start();
    const sessionId = (good.data as { sessionId: string }).sessionId;
    await waitFor(
      () => effectsFor([sessionId]),
      (rows) => rows.length === 1,
      { what: 'the event after the ignored one', timeoutMs: LOADED_MS },
    );
    expect(consumer.stats).toMatchObject({ processed: 1, ignored: 1, deadLettered: {} });
  });

  it('sends an event whose handler keeps failing to the DLQ after the retries, and moves on', async () => {
    const poisoned = sessionPublished(tenantId, uuidv7());
    const next = sessionPublished(tenantId, uuidv7());
    const poisonedSession = (poisoned.data as { sessionId: string }).sessionId;
    let attempts = 0;
    const failing = {
      ...recordEffect,
      handle: async (...args: Parameters<typeof recordEffect.handle>) => {
        if ((args[0].data as { sessionId: string }).sessionId === poisonedSession) {
          attempts++;
          await args[1].manager.query(
            `INSERT INTO effects (event_id, session_id, capacity) VALUES ($1, $2, 0)`,
            [args[0].id, poisonedSession],
          );
          throw new Error('projection bug');
        }
        return recordEffect.handle(...args);
      },
    };
    const key = uuidv7();
    await world.producer.send(
      [poisoned, next].map((e) => ({
        topic: world.kafka.prefix + Topic.Catalog,
        key,
        value: JSON.stringify(e),
      })),
    );
    const dlq = await readTopic(world.kafka.prefix + deadLetterTopic(Topic.Catalog));
    consumer = catalogConsumer(world, [failing], {
      groupId: `failing-${uuidv7()}`,
      retryInitialMs: 10,
      maxAttempts: 3,
    });
    await consumer.start();

    const nextSession = (next.data as { sessionId: string }).sessionId;
    await waitFor(
      () => effectsFor([nextSession]),
      (r) => r.length === 1,
      { what: 'the event after the poisoned one', timeoutMs: LOADED_MS },
    );
    const [dead] = await dlq.waitFor(
      1,
      (m: ReceivedMessage) => m.headers[EventHeader.DeadLetterReason] === 'handler-failed',
    );
    expect(dead.headers[EventHeader.DeadLetterDetail]).toBe('projection bug');
    expect(attempts).toBe(3);
    // Each failed attempt rolled back: neither its write nor its inbox row remains.
    expect(await effectsFor([poisonedSession])).toEqual([]);
    const inbox = await world.consumerData.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [poisoned.id]);
    expect(inbox).toHaveLength(0);
    await dlq.close();
  });

  it('carries the trace of the producing request to the handler, through the outbox and Kafka', async () => {
    initTracing('messaging-test');
    const event = sessionPublished(tenantId, uuidv7());
    const request = startSpan('HTTP POST /v1/sessions/:id/publish', SpanKind.SERVER);
    const traceId = request.spanContext().traceId;
    await inSpan(request, { correlationId: 'trace-test' }, () =>
      world.producerData.transaction((m) => outbox.add(m, event)),
    );
    const seen = new Map<string, string | undefined>();
    consumer = catalogConsumer(
      world,
      [{ ...recordEffect, handle: async (e) => void seen.set(e.id, RequestContext.current()?.traceId) }],
      { groupId: `trace-${uuidv7()}` },
    );
    await consumer.start();
    startRelay();
    await waitFor(
      async () => seen.has(event.id),
      (done) => done,
      { what: 'the traced event', timeoutMs: LOADED_MS },
    );
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(seen.get(event.id)).toBe(traceId);
  });

  /** Reads a topic from the beginning with a throwaway group. */
  function readTopic(topic: string): Promise<TopicReader> {
    return TopicReader.start(world.kafka.settings, {
      topics: [topic],
      groupId: `${world.kafka.prefix}reader-${uuidv7()}`,
    });
  }
});
