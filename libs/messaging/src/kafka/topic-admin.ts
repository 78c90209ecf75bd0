import { Kafka } from 'kafkajs';
import { ALL_TOPICS, deadLetterTopic } from '@respire/contracts';
import { prefixed } from './kafka-factory';

export interface TopicSettings {
  prefix?: string;
  partitions?: number;
  replicationFactor?: number;
}

/**
 * Creates the platform topics and their DLQs when missing (dev, CI, tests). In production the
 * cluster's operator (Strimzi KafkaTopic resources) owns them and this is turned off.
 */
export async function ensureTopics(kafka: Kafka, settings: TopicSettings = {}): Promise<string[]> {
  const names = ALL_TOPICS.flatMap((topic) => [topic, deadLetterTopic(topic)]).map((t) => prefixed(settings.prefix, t));
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = names.filter((name) => !existing.has(name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: settings.partitions ?? 3,
          replicationFactor: settings.replicationFactor ?? 1,
        })),
      });
    }
    return names;
  } finally {
    await admin.disconnect();
  }
}
