import { Kafka } from 'kafkajs';
import { createKafka, ensureTopics } from '@respire/messaging';
import { testInfrastructure, uniqueSuffix } from './infrastructure';

export interface TestKafka {
  readonly kafka: Kafka;
  /** Prepended to topics and consumer groups, so runs never see each other's messages. */
  readonly prefix: string;
  /** Deletes this run's topics and consumer groups. */
  cleanup(): Promise<void>;
}

export async function createTestKafka(): Promise<TestKafka> {
  const prefix = `test-${uniqueSuffix()}.`;
  const kafka = createKafka({ clientId: 'respire-test', brokers: testInfrastructure.kafkaBrokers }, () => undefined);
  const topics = await ensureTopics(kafka, { prefix, partitions: 3 });
  return {
    kafka,
    prefix,
    async cleanup() {
      const admin = kafka.admin();
      await admin.connect();
      try {
        const { groups } = await admin.listGroups();
        const ours = groups.map((g) => g.groupId).filter((id) => id.startsWith(prefix));
        if (ours.length > 0) await admin.deleteGroups(ours).catch(() => undefined);
        await admin.deleteTopics({ topics });
      } finally {
        await admin.disconnect();
      }
    },
  };
}
