/**
 * Outbox relay latency and throughput, on real PostgreSQL and Kafka.
 * Latency: from the business transaction's commit to the consumer's handler, over 1,000 events
 * committed one per transaction at a steady rate. Throughput: 2,000 events committed one per
 * transaction by 4 concurrent writers as fast as they can, until the last one is handled.
 * Baseline in the same run: the same number of messages produced straight to Kafka and consumed
 * by a plain consumer of the same client (no outbox, no inbox), so the ratio shows what the outbox costs.
 *
 *   npm run bench:relay            (EVENTS=1000 RATE=200 BURST=2000 to change the load)
 */
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import {
  createEvent,
  eventRegistry,
  SESSION_PUBLISHED_V1,
  SessionPublishedV1,
  Topic,
} from '@respire/contracts';
import {
  EventConsumer,
  MessageProducer,
  MessagingTables1763900000000,
  Outbox,
  OutboxRelay,
  TopicReader,
} from '@respire/messaging';
import { createTestDatabase, createTestKafka } from '@respire/testing';

const EVENTS = Number(process.env.EVENTS ?? 1000);
const RATE = Number(process.env.RATE ?? 200); // events per second
const BURST = Number(process.env.BURST ?? 2000);
const WRITERS = 4;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
}

async function paced(count: number, each: (i: number) => Promise<void>): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await each(i);
  }
}

/** Runs `each(0 … count-1)` on `workers` concurrent loops. */
async function concurrently(
  count: number,
  workers: number,
  each: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await each(next++);
  };
  await Promise.all(Array.from({ length: workers }, worker));
}

/** Events per second from `start` until `done()` holds. */
async function rateUntil(start: number, count: number, seen: () => number): Promise<number> {
  await waitUntil(
    () => seen() >= count,
    () => `${count} events, ${seen()} seen`,
  );
  return (count / (performance.now() - start)) * 1000;
}

async function waitUntil(done: () => boolean, what: () => string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function event(tenantId: string, i: number) {
  const sessionId = uuidv7();
  return createEvent(
    SESSION_PUBLISHED_V1,
    { ...(SESSION_PUBLISHED_V1.example as SessionPublishedV1), sessionId, capacity: (i % 20) + 1 },
    { tenantId, source: 'bench', subject: sessionId },
  );
}

async function main(): Promise<void> {
  const kafka = await createTestKafka();
  const db = await createTestDatabase([MessagingTables1763900000000]);
  const data = await db.dataSource();
  const producer = new MessageProducer(kafka.settings);
  const tenantId = uuidv7();
  const silent = () => undefined;

  try {
    // Baseline: produce straight to Kafka, consume with a bare consumer of the same client.
    const baselineTopic = `${kafka.prefix}${Topic.Catalog}`;
    const sentAt = new Map<string, number>();
    const baseline: number[] = [];
    let baselineBurstSeen = 0;
    // Resolves once the reader has joined its group and knows its offsets: nothing measured waits for that.
    const bare = await TopicReader.start(kafka.settings, {
      topics: [baselineTopic],
      groupId: `${kafka.prefix}bench-baseline`,
      onMessage: (message) => {
        const t = sentAt.get(message.key!);
        if (t !== undefined) baseline.push(performance.now() - t);
        else baselineBurstSeen += 1;
      },
    });
    await paced(EVENTS, async (i) => {
      const e = event(tenantId, i);
      sentAt.set(e.id, performance.now());
      await producer.send([{ topic: baselineTopic, key: e.id, value: JSON.stringify(e) }]);
    });
    await waitUntil(
      () => baseline.length >= EVENTS,
      () => `${EVENTS} baseline messages, ${baseline.length} seen`,
    );
    const baselineBurstStart = performance.now();
    await concurrently(BURST, WRITERS, async (i) => {
      const e = event(tenantId, i);
      await producer.send([{ topic: baselineTopic, key: e.id, value: JSON.stringify(e) }]);
    });
    const baselineRate = await rateUntil(baselineBurstStart, BURST, () => baselineBurstSeen);
    await bare.close();

    // Outbox: commit → relay → Kafka → idempotent consumer (inbox + handler transaction).
    // The handler may run before the committing code gets its turn again: both ends are recorded
    // by event id and paired at the end.
    const measured = new Set<string>();
    const committedAt = new Map<string, number>();
    const handledAt = new Map<string, number>();
    const burstIds = new Set<string>();
    let outboxBurstSeen = 0;
    const relay = new OutboxRelay({ connectionString: db.appUrl }, producer, {
      service: 'bench',
      topicPrefix: kafka.prefix,
      log: silent,
    });
    const consumer = new EventConsumer(
      kafka.settings,
      producer,
      data,
      eventRegistry,
      [
        {
          definition: SESSION_PUBLISHED_V1,
          name: 'bench',
          handle: async (e) => {
            if (measured.has(e.id)) handledAt.set(e.id, performance.now());
            else if (burstIds.has(e.id)) outboxBurstSeen += 1;
          },
        },
      ],
      { groupId: 'bench-outbox', topics: [Topic.Catalog], prefix: kafka.prefix, log: silent },
    );
    // The baseline's messages are on the topic too: the consumer handles them first (not timed),
    // which also means its group has joined and caught up before the measured events start.
    await consumer.start();
    relay.start();
    await waitUntil(
      () => consumer.stats.processed >= EVENTS + BURST,
      () => `the baseline's ${EVENTS + BURST} messages handled, ${consumer.stats.processed} so far`,
    );
    const outbox = new Outbox();
    await paced(EVENTS, async (i) => {
      const e = event(tenantId, i);
      measured.add(e.id);
      await data.transaction((m) => outbox.add(m, e));
      committedAt.set(e.id, performance.now());
    });
    await waitUntil(
      () => handledAt.size >= EVENTS,
      () => `${EVENTS} events handled, ${handledAt.size} so far`,
    );
    const outboxBurstStart = performance.now();
    await concurrently(BURST, WRITERS, async (i) => {
      const e = event(tenantId, i);
      burstIds.add(e.id);
      await data.transaction((m) => outbox.add(m, e));
    });
    const outboxRate = await rateUntil(outboxBurstStart, BURST, () => outboxBurstSeen);
    await consumer.stop();
    await relay.stop();

    const b = summary(baseline);
    const o = summary([...committedAt].map(([id, t]) => Math.max(0, handledAt.get(id)! - t)));
    const fmt = (n: number) => n.toFixed(1).padStart(7);
    console.log(`relay latency, ${EVENTS} events at ${RATE}/s, one per transaction`);
    console.log(`                          p50 ms   p99 ms   max ms`);
    console.log(`baseline produce→consume ${fmt(b.p50)}  ${fmt(b.p99)}  ${fmt(b.max)}`);
    console.log(`outbox commit→handler    ${fmt(o.p50)}  ${fmt(o.p99)}  ${fmt(o.max)}`);
    console.log(
      `ratio outbox/baseline    ${(o.p50 / b.p50).toFixed(2).padStart(7)}  ${(o.p99 / b.p99).toFixed(2).padStart(7)}`,
    );
    console.log(`\nthroughput, ${BURST} events from ${WRITERS} concurrent writers, one per transaction`);
    console.log(`baseline produce→consume ${baselineRate.toFixed(0).padStart(7)} events/s`);
    console.log(`outbox commit→handler    ${outboxRate.toFixed(0).padStart(7)} events/s`);
    console.log(`ratio outbox/baseline    ${(outboxRate / baselineRate).toFixed(2).padStart(7)}`);
  } finally {
    await producer.close();
    await db.drop();
    await kafka.cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
