import { ALL_TOPICS, deadLetterTopic } from '@respire/contracts';
import { KafkaAdmin } from './kafka-admin';
import { prefixed } from './kafka-settings';

export interface TopicSettings {
  prefix?: string;
  partitions?: number;
  replicationFactor?: number;
}

/**
 * Creates the platform topics and their DLQs when missing (dev, CI, tests). In production the
 * cluster's operator (Strimzi KafkaTopic resources) owns them and this is turned off.
 */
export async function ensureTopics(admin: KafkaAdmin, settings: TopicSettings = {}): Promise<string[]> {
  const names = ALL_TOPICS.flatMap((topic) => [topic, deadLetterTopic(topic)]).map((t) =>
    prefixed(settings.prefix, t),
  );
  await admin.createTopics(names, {
    partitions: settings.partitions ?? 3,
    replicationFactor: settings.replicationFactor ?? 1,
  });
  return names;
}
