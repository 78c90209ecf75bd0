import { ensureTopics, KafkaAdmin, KafkaSettings } from '@respire/messaging';
import { testInfrastructure, uniqueSuffix } from './infrastructure';

export interface TestKafka {
  /** Client id and brokers, for the clients a test makes (`new MessageProducer(kafka.settings)`…). */
  readonly settings: KafkaSettings;
  /** Prepended to topics and consumer groups, so runs never see each other's messages. */
  readonly prefix: string;
  /** Deletes this run's topics and consumer groups. */
  cleanup(): Promise<void>;
}

/** A topic prefix of this run's own on the shared broker, or on `brokers` (a fault test's own broker). */
export async function createTestKafka({
  brokers = testInfrastructure.kafkaBrokers,
}: { brokers?: string[] } = {}): Promise<TestKafka> {
  const prefix = `test-${uniqueSuffix()}.`;
  const settings: KafkaSettings = { clientId: 'respire-test', brokers };
  const admin = new KafkaAdmin(settings);
  try {
    await ensureTopics(admin, { prefix, partitions: 3 });
    return {
      settings,
      prefix,
      async cleanup() {
        const cleaner = new KafkaAdmin(settings);
        try {
          await cleaner.deleteGroups(await cleaner.consumerGroups(prefix)).catch(() => undefined);
          await cleaner.deleteTopics(
            (await cleaner.listTopics()).filter((topic) => topic.startsWith(prefix)),
          );
        } finally {
          await cleaner.close();
        }
      },
    };
  } finally {
    await admin.close();
  }
}
