import { once } from 'node:events';
import { Message, MessagesStream } from '@platformatic/kafka';
import { PartitionLanes } from '../consumer/partition-lanes';
import { createConsumer, RawConsumer } from './kafka-clients';
import { KafkaSettings } from './kafka-settings';

export interface ReceivedMessage {
  topic: string;
  partition: number;
  offset: bigint;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

export interface TopicReaderOptions {
  /** Full topic names (with their prefix). */
  topics: string[];
  /** Full consumer group name; a group of its own makes the reader see every message. */
  groupId: string;
  /** Where a group without committed offsets starts. */
  from?: 'earliest' | 'latest';
  /** Runs for each message, in offset order within a partition; by default messages are only kept. */
  onMessage?: (message: ReceivedMessage) => void | Promise<void>;
  /** Partitions whose messages `onMessage` handles at the same time. */
  concurrency?: number;
}

/**
 * A plain consumer-group member for tests, benchmarks and readiness checks: no inbox, no DLQ,
 * no commits. It keeps what it reads (`messages`) and can wait for what a test expects.
 */
export class TopicReader {
  readonly messages: ReceivedMessage[] = [];
  private failure: unknown = null;

  private constructor(
    private readonly consumer: RawConsumer,
    private readonly stream: MessagesStream<Buffer, Buffer, string, Buffer>,
  ) {}

  /** Resolves once the reader has joined its group and knows where to start reading. */
  static async start(settings: KafkaSettings, options: TopicReaderOptions): Promise<TopicReader> {
    const consumer = createConsumer(settings, options.groupId);
    const stream = await consumer.consume({
      topics: options.topics,
      mode: 'committed',
      fallbackMode: options.from ?? 'earliest',
    });
    const reader = new TopicReader(consumer, stream);
    const lanes = new PartitionLanes<ReceivedMessage>(
      options.concurrency ?? 1,
      async (message) => {
        reader.messages.push(message);
        await options.onMessage?.(message);
      },
      (_lane, error) => (reader.failure ??= error),
    );
    stream.on('data', (record: Message<Buffer, Buffer, string, Buffer>) =>
      lanes.push(`${record.topic}:${record.partition}`, {
        topic: record.topic,
        partition: record.partition,
        offset: record.offset,
        key: record.key?.toString() ?? null,
        value: record.value?.toString() ?? null,
        headers: Object.fromEntries([...record.headers].map(([name, value]) => [name, value.toString()])),
      }),
    );
    stream.on('error', (error) => (reader.failure ??= error));
    await once(stream, 'offsets');
    return reader;
  }

  /** Waits until `count` messages accepted by `accept` were read, and returns them. */
  async waitFor(
    count: number,
    accept: (message: ReceivedMessage) => boolean = () => true,
    timeoutMs = 30_000,
  ): Promise<ReceivedMessage[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.failure) throw this.failure;
      const matching = this.messages.filter(accept);
      if (matching.length >= count) return matching;
      if (Date.now() > deadline)
        throw new Error(`Read ${matching.length} of ${count} expected messages in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    await this.stream.close();
    await this.consumer.close(true);
  }
}
