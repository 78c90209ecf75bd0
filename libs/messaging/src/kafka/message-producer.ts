import { compatibilityPartitioner, Producer } from '@platformatic/kafka';
import { baseOptions } from './kafka-clients';
import { KafkaSettings } from './kafka-settings';

type Bytes = string | Buffer;

export interface OutgoingMessage {
  topic: string;
  key?: Bytes;
  /** null: a record without a value (a tombstone). */
  value: Bytes | null;
  headers?: Record<string, Bytes>;
}

const toBytes = (data?: Bytes | null): Buffer | undefined =>
  data == null ? undefined : Buffer.isBuffer(data) ? data : Buffer.from(data);

/**
 * Idempotent producer: every in-sync replica acknowledges, one request is in flight per broker
 * and each record carries a sequence number, so a retried send neither duplicates nor reorders
 * a key's messages. Keys go to the partition Apache Kafka's Java client picks (murmur2 made
 * positive, modulo the partitions), so producers in other languages agree on where a session's
 * events are — the client's own default (unsigned murmur2) would not.
 */
export class MessageProducer {
  private readonly producer: Producer<Bytes, Bytes | null, string, Bytes>;

  constructor(settings: KafkaSettings) {
    this.producer = new Producer<Bytes, Bytes | null, string, Bytes>({
      ...baseOptions(settings),
      idempotent: true,
      autocreateTopics: false,
      partitioner: compatibilityPartitioner,
      serializers: { key: toBytes, value: toBytes, headerKey: toBytes, headerValue: toBytes },
    });
  }

  /** Resolves once every message is acknowledged; messages of one partition keep their order. */
  async send(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length > 0) await this.producer.send({ messages });
  }

  close(): Promise<void> {
    return this.producer.close();
  }
}
