#!/usr/bin/env node
// Readiness check for the dev/test Kafka broker, with the client the project uses (kafkajs):
// create topic __respire_ready, produce one message, consume it with a fresh consumer group
// (which also creates and warms up __consumer_offsets), then delete that group.
//
//   node scripts/infra/kafka-ready.mjs [host:port=127.0.0.1:9092] [timeout seconds=60]
//
// Exit codes: 0 ready, 1 not ready in time, 3 kafkajs not installed.
// KAFKA_READY_VERBOSE=1 shows kafkajs' own log.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url); // resolves from the repo's node_modules, or NODE_PATH
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

let kafkajs;
try {
  kafkajs = require('kafkajs');
} catch {
  console.error('kafka-ready: kafkajs is not installed');
  process.exit(3);
}
const { Kafka, logLevel } = kafkajs;

const broker = process.argv[2] ?? '127.0.0.1:9092';
const timeoutMs = Number(process.argv[3] ?? 60) * 1000;
const topic = '__respire_ready';
const token = `ready-${process.pid}-${Date.now()}`;
const groupId = `respire-ready-${process.pid}-${Date.now()}`;

const kafka = new Kafka({
  clientId: 'respire-kafka-ready',
  brokers: [broker],
  connectionTimeout: 3000,
  retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 2000 },
  logLevel: process.env.KAFKA_READY_VERBOSE ? logLevel.INFO : logLevel.NOTHING,
});
const admin = kafka.admin();
const producer = kafka.producer();
const consumer = kafka.consumer({ groupId });

async function roundTrip() {
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
    waitForLeaders: true,
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const received = new Promise((resolve) => {
    consumer.run({
      eachMessage: async ({ message }) => {
        if (message.value?.toString() === token) resolve();
      },
    });
  });
  await producer.connect();
  await producer.send({ topic, acks: -1, messages: [{ value: token }] });
  await received;
}

const started = Date.now();
let timer;
const timeout = new Promise((_, reject) => {
  timer = setTimeout(() => reject(new Error(`no round trip within ${timeoutMs / 1000}s`)), timeoutMs);
});

let ok = false;
try {
  await Promise.race([roundTrip(), timeout]);
  ok = true;
  console.error(`kafka-ready: round trip on ${broker} in ${Date.now() - started} ms`);
} catch (err) {
  console.error(`kafka-ready: ${broker} not ready: ${err?.message ?? err}`);
} finally {
  clearTimeout(timer);
  await Promise.allSettled([consumer.disconnect(), producer.disconnect()]);
  if (ok) await admin.deleteGroups([groupId]).catch(() => {});
  await admin.disconnect().catch(() => {});
}
process.exit(ok ? 0 : 1);
