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
    // A busy broker may answer the leader wait with UNKNOWN_TOPIC_OR_PARTITION before its metadata
    // caught up with the creation (seen when several test files create topics at once): retriable.
    for (let attempt = 1; ; attempt += 1) {
      const existing = new Set(await admin.listTopics());
      const missing = names.filter((name) => !existing.has(name));
      if (missing.length === 0) return names;
      try {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({
            topic,
            numPartitions: settings.partitions ?? 3,
            replicationFactor: settings.replicationFactor ?? 1,
          })),
        });
        return names;
      } catch (error) {
        if (!(error as { retriable?: boolean }).retriable || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
      }
    }
  } finally {
    await admin.disconnect();
  }
}
