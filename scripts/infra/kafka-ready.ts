/**
 * Readiness check for the dev/test Kafka broker, with the project's own client: create topic
 * __respire_ready, produce one message, read it back with a fresh consumer group (which also
 * creates and warms up __consumer_offsets), then delete that group.
 *
 *   node -r @swc-node/register scripts/infra/kafka-ready.ts [host:port=127.0.0.1:9092] [timeout seconds=60]
 *
 * Exit codes: 0 ready, 1 not ready in time.
 */
import { KafkaAdmin } from '@respire/messaging/kafka/kafka-admin';
import { MessageProducer } from '@respire/messaging/kafka/message-producer';
import { TopicReader } from '@respire/messaging/kafka/topic-reader';

const broker = process.argv[2] ?? '127.0.0.1:9092';
const timeoutMs = Number(process.argv[3] ?? 60) * 1000;
const topic = '__respire_ready';
const token = `ready-${process.pid}-${Date.now()}`;
const groupId = `respire-ready-${process.pid}-${Date.now()}`;
const settings = { clientId: 'respire-kafka-ready', brokers: [broker] };

async function roundTrip(admin: KafkaAdmin): Promise<void> {
  // The broker may still be starting: retry until the first answer.
  for (;;) {
    try {
      await admin.createTopics([topic], { partitions: 1 });
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  const reader = await TopicReader.start(settings, { topics: [topic], groupId, from: 'latest' });
  const producer = new MessageProducer(settings);
  try {
    await producer.send([{ topic, value: token }]);
    await reader.waitFor(1, (message) => message.value === token, timeoutMs);
  } finally {
    await reader.close();
    await producer.close();
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const admin = new KafkaAdmin(settings);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no round trip within ${timeoutMs / 1000}s`)), timeoutMs);
  });
  try {
    await Promise.race([roundTrip(admin), timeout]);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    console.error(`kafka-ready: round trip on ${broker} in ${Date.now() - started} ms`);
    return 0;
  } catch (error) {
    console.error(`kafka-ready: ${broker} not ready: ${(error as Error).message}`);
    return 1;
  } finally {
    clearTimeout(timer);
    await admin.close().catch(() => undefined);
  }
}

void main().then((code) => process.exit(code));
