/**
 * Outbox relay latency: from the business transaction's commit to the consumer's handler,
 * over 1,000 events committed one per transaction at a steady rate, on real PostgreSQL and Kafka.
 * Baseline in the same run: the same number of messages produced straight to Kafka and consumed
 * by a plain kafkajs consumer (no outbox, no inbox), so the ratio shows what the outbox costs.
 *
 *   npm run bench:relay            (EVENTS=1000 RATE=200 to change the load)
 */
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { createEvent, eventRegistry, SESSION_PUBLISHED_V1, SessionPublishedV1, Topic } from '@respire/contracts';
import { createProducer, EventConsumer, MessagingTables1763900000000, Outbox, OutboxRelay } from '@respire/messaging';
import { createTestDatabase, createTestKafka } from '@respire/testing';

const EVENTS = Number(process.env.EVENTS ?? 1000);
const RATE = Number(process.env.RATE ?? 200); // events per second

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

async function waitUntil(done: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
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
  const producer = createProducer(kafka.kafka);
  await producer.connect();
  const tenantId = uuidv7();
  const silent = () => undefined;

  try {
    // Baseline: produce straight to Kafka, consume with a bare kafkajs consumer.
    const baselineTopic = `${kafka.prefix}${Topic.Catalog}`;
    const sentAt = new Map<string, number>();
    const baseline: number[] = [];
    const bare = kafka.kafka.consumer({ groupId: `${kafka.prefix}bench-baseline` });
    await bare.connect();
    await bare.subscribe({ topic: baselineTopic, fromBeginning: false });
    await bare.run({
      eachMessage: async ({ message }) => {
        const t = sentAt.get(message.key!.toString());
        if (t !== undefined) baseline.push(performance.now() - t);
      },
    });
    await new Promise((r) => setTimeout(r, 3000)); // let the group settle before measuring
    await paced(EVENTS, async (i) => {
      const e = event(tenantId, i);
      sentAt.set(e.id, performance.now());
      await producer.send({ topic: baselineTopic, acks: -1, messages: [{ key: e.id, value: JSON.stringify(e) }] });
    });
    await waitUntil(() => baseline.length >= EVENTS);
    await bare.disconnect();

    // Outbox: commit → relay → Kafka → idempotent consumer (inbox + handler transaction).
    const committedAt = new Map<string, number>();
    const outboxLatency: number[] = [];
    const relay = new OutboxRelay({ connectionString: db.appUrl }, producer, { service: 'bench', topicPrefix: kafka.prefix, log: silent });
    const consumer = new EventConsumer(
      kafka.kafka,
      producer,
      data,
      eventRegistry,
      [
        {
          definition: SESSION_PUBLISHED_V1,
          name: 'bench',
          handle: async (e) => {
            const t = committedAt.get(e.id);
            if (t !== undefined) outboxLatency.push(performance.now() - t);
          },
        },
      ],
      { groupId: 'bench-outbox', topics: [Topic.Catalog], prefix: kafka.prefix, log: silent },
    );
    // The baseline's messages are on the topic too: the consumer handles them first (not timed),
    // which also means its group has joined and caught up before the measured events start.
    await consumer.start();
    relay.start();
    await waitUntil(() => consumer.stats.processed >= EVENTS);
    const outbox = new Outbox();
    await paced(EVENTS, async (i) => {
      const e = event(tenantId, i);
      await data.transaction((m) => outbox.add(m, e));
      committedAt.set(e.id, performance.now());
    });
    await waitUntil(() => outboxLatency.length >= EVENTS);
    await consumer.stop();
    await relay.stop();

    const b = summary(baseline);
    const o = summary(outboxLatency);
    const fmt = (n: number) => n.toFixed(1).padStart(7);
    console.log(`relay latency, ${EVENTS} events at ${RATE}/s, one per transaction`);
    console.log(`                          p50 ms   p99 ms   max ms`);
    console.log(`baseline produce→consume ${fmt(b.p50)}  ${fmt(b.p99)}  ${fmt(b.max)}`);
    console.log(`outbox commit→handler    ${fmt(o.p50)}  ${fmt(o.p99)}  ${fmt(o.max)}`);
    console.log(`ratio outbox/baseline    ${(o.p50 / b.p50).toFixed(2).padStart(7)}  ${(o.p99 / b.p99).toFixed(2).padStart(7)}`);
  } finally {
    await producer.disconnect();
    await db.drop();
    await kafka.cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
