import { BaseOptions, Consumer } from '@platformatic/kafka';
import { KafkaSettings } from './kafka-settings';

/**
 * Options every client shares. Retries are bounded on purpose: the relay and the consumer retry
 * whole batches or streams themselves, with their own backoff, and must notice a broker that stays
 * down (about 5 s of retries here).
 */
export function baseOptions(settings: KafkaSettings): BaseOptions {
  return {
    clientId: settings.clientId,
    bootstrapBrokers: settings.brokers,
    connectTimeout: 3000,
    retries: 5,
    retryDelay: (_client, _operation, attempt) => Math.min(2000, 100 * 2 ** attempt),
  };
}

/**
 * Messages as they arrive: key and value as the bytes produced (a dead letter keeps them
 * exactly), header names as text.
 */
export type RawConsumer = Consumer<Buffer, Buffer, string, Buffer>;

/** A consumer-group member that commits only when told to, resuming from its group's offsets. */
export function createConsumer(settings: KafkaSettings, groupId: string): RawConsumer {
  return new Consumer({
    ...baseOptions(settings),
    groupId,
    autocommit: false,
    // A fetch waits up to maxWaitTime for data, and stopping waits for that fetch: keep it short
    // so SIGTERM and rebalances are quick (an idle consumer then polls once a second).
    maxWaitTime: 1000,
    // Kafka's Java defaults: a member that vanished without leaving is replaced within 30 s.
    sessionTimeout: 30_000,
    rebalanceTimeout: 60_000,
    heartbeatInterval: 3000,
    highWaterMark: 256,
    deserializers: { headerKey: (data?: Buffer) => data?.toString() ?? '' },
  });
}
