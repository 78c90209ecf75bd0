import { randomUUID } from 'node:crypto';
import { ALL_TOPICS, DEAD_LETTER_HEADERS, deadLetterTopic, EventHeader } from '@respire/contracts';
import { KafkaAdmin } from '../kafka/kafka-admin';
import { KafkaSettings, prefixed } from '../kafka/kafka-settings';
import { MessageProducer } from '../kafka/message-producer';
import { ReceivedMessage, TopicReader } from '../kafka/topic-reader';

/** A replayed dead letter says where it came from (the dead-letter topic, partition and offset). */
export const REPLAYED_FROM_HEADER = 'dlq-replayed-from';

/** One message parked in a dead-letter topic, with why and where from. */
export interface DeadLetter extends ReceivedMessage {
  /** `<dlq topic>:<partition>:<offset>`: how the CLI names it. */
  id: string;
  eventType: string | null;
  eventId: string | null;
  reason: string | null;
  detail: string | null;
  sourceTopic: string | null;
  consumerGroup: string | null;
}

/**
 * Reads and re-drives the dead-letter topics (`<topic>.dlq`). Reading never commits (a group of
 * its own, deleted afterwards), so listing changes nothing. Replaying publishes the message as it
 * was (key, value, original headers) to the topic it came from: the consumer that failed gets it
 * again; every other group finds it in its inbox and skips it. A replay comes after the events
 * of its key that followed it, so handlers must tolerate it late (they tolerate redelivery).
 */
export class DeadLetters {
  constructor(
    private readonly settings: KafkaSettings,
    private readonly prefix = '',
  ) {}

  /** Every dead-letter topic of the platform's topics, under this prefix. */
  topics(): string[] {
    return ALL_TOPICS.map((topic) => prefixed(this.prefix, deadLetterTopic(topic)));
  }

  /** Everything the dead-letter topics hold, oldest first within each partition. */
  async list(topics = this.topics()): Promise<DeadLetter[]> {
    const admin = new KafkaAdmin(this.settings);
    try {
      const existing = new Set(await admin.listTopics());
      const present = topics.filter((topic) => existing.has(topic));
      if (present.length === 0) return [];
      const ranges = await admin.offsetRanges(present);
      const total = [...ranges.values()].reduce((sum, { start, end }) => sum + Number(end - start), 0);
      if (total === 0) return [];
      const groupId = prefixed(this.prefix, `dlq-reader-${randomUUID()}`);
      const reader = await TopicReader.start(this.settings, { topics: present, groupId, from: 'earliest' });
      try {
        const messages = await reader.waitFor(total);
        return messages.map(toDeadLetter).sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
      } finally {
        await reader.close();
        await admin.deleteGroups([groupId]).catch(() => undefined);
      }
    } finally {
      await admin.close();
    }
  }

  /** Publishes each dead letter again to the topic it was consumed from; returns how many. */
  async replay(letters: DeadLetter[]): Promise<number> {
    const producer = new MessageProducer(this.settings);
    try {
      await producer.send(
        letters.map((letter) => {
          if (!letter.sourceTopic) throw new Error(`${letter.id} does not say which topic it came from`);
          return {
            topic: letter.sourceTopic,
            key: letter.key ?? undefined,
            value: letter.value,
            headers: { ...originalHeaders(letter.headers), [REPLAYED_FROM_HEADER]: letter.id },
          };
        }),
      );
      return letters.length;
    } finally {
      await producer.close();
    }
  }
}

/** What a replay leaves out of the headers it publishes again. */
const ADDED_BY_DEAD_LETTERING = new Set<string>([...DEAD_LETTER_HEADERS, REPLAYED_FROM_HEADER]);

function originalHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !ADDED_BY_DEAD_LETTERING.has(name)));
}

function toDeadLetter(message: ReceivedMessage): DeadLetter {
  const header = (name: string) => message.headers[name] ?? null;
  const envelope = parseEnvelope(message.value);
  return {
    id: `${message.topic}:${message.partition}:${message.offset}`,
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    key: message.key,
    value: message.value,
    headers: message.headers,
    eventType: header(EventHeader.Type) ?? (typeof envelope?.type === 'string' ? envelope.type : null),
    eventId: typeof envelope?.id === 'string' ? envelope.id : null,
    reason: header(EventHeader.DeadLetterReason),
    detail: header(EventHeader.DeadLetterDetail),
    sourceTopic: header(EventHeader.DeadLetterSourceTopic),
    consumerGroup: header(EventHeader.DeadLetterConsumerGroup),
  };
}

function parseEnvelope(value: string | null): { id?: unknown; type?: unknown } | null {
  try {
    return JSON.parse(value ?? 'null') as { id?: unknown; type?: unknown } | null;
  } catch {
    return null; // unparseable: it is why it is here
  }
}
