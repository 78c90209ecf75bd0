import { murmur2 } from '@platformatic/kafka';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { createTestKafka, TestKafka } from '@respire/testing';
import { KafkaAdmin, MessageProducer, TopicReader } from '../src';
import { javaPartitions } from './java-partitioner';

/**
 * Session ids (UUID v7) as Respire keys its events, random UUIDs, and keys of every length
 * modulo 4 with accents and emoji (murmur2 mixes a key's last 1–3 bytes apart, UUIDs have none).
 */
function keys(): string[] {
  const sessions = Array.from({ length: 1500 }, () => uuidv7());
  const random = Array.from({ length: 1000 }, () => uuidv4());
  const words = ['séance', 'atelier', 'énergie', 'respiration', 'Gestion des Émotions', '🧘', 'x'];
  // Cut by code point: half an emoji is not text, and Java and Node encode it differently.
  const varied = Array.from({ length: 500 }, (_, i) =>
    [...`${words[i % words.length]}-${i}`].slice(0, 1 + (i % 23)).join(''),
  );
  return [...new Set([...sessions, ...random, ...varied])];
}

describe('keys land on the partition Apache Kafka’s Java producer picks (real Kafka, kafka-clients jar)', () => {
  let kafka: TestKafka;
  let admin: KafkaAdmin;
  let producer: MessageProducer;

  beforeAll(async () => {
    kafka = await createTestKafka();
    admin = new KafkaAdmin(kafka.settings);
    producer = new MessageProducer(kafka.settings);
  });

  afterAll(async () => {
    await producer?.close();
    await admin?.close();
    await kafka?.cleanup();
  });

  it.each([3, 12])('on a topic of %i partitions', async (partitions) => {
    const sent = keys();
    const topic = `${kafka.prefix}partitioning-${partitions}`;
    await admin.createTopics([topic], { partitions });
    const reader = await TopicReader.start(kafka.settings, {
      topics: [topic],
      groupId: `${kafka.prefix}reader-${partitions}`,
    });
    try {
      await producer.send(sent.map((key) => ({ topic, key, value: key })));
      const placed = new Map((await reader.waitFor(sent.length)).map((m) => [m.key, m.partition]));

      const java = javaPartitions(sent, partitions);
      const misplaced = sent.filter((key, i) => placed.get(key) !== java[i]);
      expect(misplaced).toEqual([]);
      expect(new Set(java).size).toBe(partitions);
      // The test has teeth: the client's default partitioner (murmur2 read as unsigned) disagrees.
      const unsigned = sent.filter((key, i) => (murmur2(Buffer.from(key)) >>> 0) % partitions !== java[i]);
      expect(unsigned.length).toBeGreaterThan(sent.length / 10);
    } finally {
      await reader.close();
    }
  });
});
