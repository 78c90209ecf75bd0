import { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { deadLetterTopic, EventEnvelope, EventHeader, eventKey, EventRegistry, RejectionReason } from '@respire/contracts';
import { inSpan, isTransientDatabaseError, SpanKind, startSpan, TraceCarrier } from '@respire/platform';
import { setTenantForTransaction, TenantContext } from '@respire/tenancy';
import { consoleLog, MessagingLog, prefixed } from '../kafka/kafka-factory';
import { EventHandlerRegistration } from './event-handler';

export interface EventConsumerOptions {
  /** Logical consumer group (the prefix is added): one per service and purpose. */
  groupId: string;
  /** Logical topic names (the prefix is added). */
  topics: string[];
  prefix?: string;
  /** Attempts of a failing handler before the event goes to the DLQ (transient failures excluded). */
  maxAttempts?: number;
  retryInitialMs?: number;
  /** Longest pause between two tries of a handler failing for a transient reason. */
  transientRetryMaxMs?: number;
  partitionsConsumedConcurrently?: number;
  /** Commit offsets at least this often within a batch (always at its end). */
  commitEvery?: number;
  log?: MessagingLog;
}

type DeadLetterReason = RejectionReason | 'handler-failed';

export interface ConsumerStats {
  processed: number;
  duplicates: number;
  ignored: number;
  deadLettered: Record<string, number>;
  /** Tries of a handler that failed for a transient reason (database unreachable, lost race). */
  transientRetries: number;
}

/**
 * Consumes the platform topics with effect-exactly-once semantics:
 * each event is handled in one database transaction that also records (group, event id) in the
 * inbox; a redelivered event finds its inbox row and changes nothing. Offsets are committed
 * only after that transaction committed. What cannot be handled goes to `<topic>.dlq` with
 * the reason in headers, and the partition moves on.
 */
export class EventConsumer {
  private consumer: Consumer | null = null;
  private readonly handlers = new Map<string, EventHandlerRegistration[]>();
  private readonly options: Required<Omit<EventConsumerOptions, 'prefix'>> & { prefix: string };
  readonly stats: ConsumerStats = { processed: 0, duplicates: 0, ignored: 0, deadLettered: {}, transientRetries: 0 };

  constructor(
    private readonly kafka: Kafka,
    private readonly dlqProducer: Producer,
    private readonly dataSource: DataSource,
    private readonly registry: EventRegistry,
    handlers: EventHandlerRegistration[],
    options: EventConsumerOptions,
  ) {
    this.options = {
      maxAttempts: 5,
      retryInitialMs: 100,
      transientRetryMaxMs: 5_000,
      partitionsConsumedConcurrently: 3,
      commitEvery: 100,
      log: consoleLog,
      prefix: '',
      ...options,
    };
    for (const handler of handlers) {
      const key = eventKey(handler.definition.type, handler.definition.version);
      this.handlers.set(key, [...(this.handlers.get(key) ?? []), handler]);
    }
  }

  get groupId(): string {
    return prefixed(this.options.prefix, this.options.groupId);
  }

  async start(): Promise<void> {
    // A fetch waits up to maxWaitTimeInMs for data, and stopping waits for that fetch: keep it
    // short so SIGTERM and rebalances are quick (an idle consumer then polls once a second).
    const consumer = this.kafka.consumer({ groupId: this.groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 1000 });
    await consumer.connect();
    await consumer.subscribe({
      topics: this.options.topics.map((topic) => prefixed(this.options.prefix, topic)),
      fromBeginning: true,
    });
    this.consumer = consumer;
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.eachBatch(consumer, payload),
    });
  }

  /** Stops fetching, lets the message in hand finish and commits what was done. */
  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = null;
  }

  private async eachBatch(
    consumer: Consumer,
    { batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload,
  ): Promise<void> {
    let uncommitted: string | null = null;
    const commit = async () => {
      if (uncommitted === null) return;
      const offset = (BigInt(uncommitted) + 1n).toString();
      uncommitted = null;
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset }]);
    };
    let sinceCommit = 0;
    try {
      for (const message of batch.messages) {
        if (!isRunning() || isStale()) break;
        await this.handleRecord(batch.topic, batch.partition, message, { heartbeat, isRunning });
        resolveOffset(message.offset);
        uncommitted = message.offset;
        if (++sinceCommit >= this.options.commitEvery) {
          sinceCommit = 0;
          await commit();
        }
        await heartbeat();
      }
    } finally {
      await commit();
    }
  }

  /**
   * Handles one message. A handler failing for a transient reason (the database restarting or
   * unreachable, a serialization failure, a deadlock, a lock timeout) is tried again, with
   * backoff, for as long as it takes: the partition waits (later events of the same session must
   * not be applied before it) and nothing goes to the DLQ. Any other failure gets `maxAttempts`
   * tries, then the event is dead-lettered and the partition moves on.
   */
  private async handleRecord(
    topic: string,
    partition: number,
    message: KafkaMessage,
    batch: { heartbeat: () => Promise<void>; isRunning: () => boolean },
  ): Promise<void> {
    const parsed = this.registry.parse(message.value);
    if (!parsed.ok) {
      await this.deadLetter(topic, partition, message, parsed.reason, parsed.detail);
      return;
    }
    const handlers = this.handlers.get(eventKey(parsed.envelope.type, parsed.envelope.version));
    if (!handlers) {
      this.stats.ignored += 1;
      return;
    }
    const event = parsed.envelope;
    let transient = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        const span = startSpan(`consume ${event.type}`, SpanKind.CONSUMER, traceCarrierOf(message.headers), {
          'messaging.destination.name': topic,
          'messaging.message.id': event.id,
        });
        await inSpan(span, { correlationId: event.correlationId, tenantId: event.tenantId }, async () => {
          const started = Date.now();
          const outcome = await this.process(event, handlers, topic, partition, message.offset);
          this.options.log('info', `event ${outcome}`, {
            eventType: event.type,
            eventId: event.id,
            topic,
            partition,
            offset: message.offset,
            durationMs: Date.now() - started,
          });
        });
        return;
      } catch (error) {
        const detail = (error as Error).message;
        if (isTransientDatabaseError(error)) {
          transient += 1;
          attempt -= 1; // not a strike against the event
          this.stats.transientRetries += 1;
          if (transient === 1 || transient % 20 === 0) {
            this.options.log('warn', 'database unavailable, holding the partition and retrying', {
              eventId: event.id,
              type: event.type,
              topic,
              partition,
              tries: transient,
              error: detail,
            });
          }
          // Stopping: leave the offset uncommitted, the event is redelivered to whoever resumes.
          if (!batch.isRunning()) throw error;
          await sleep(Math.min(this.options.retryInitialMs * 2 ** Math.min(transient - 1, 10), this.options.transientRetryMaxMs));
          await batch.heartbeat().catch(() => undefined);
          continue;
        }
        if (attempt >= this.options.maxAttempts) {
          await this.deadLetter(topic, partition, message, 'handler-failed', detail);
          return;
        }
        this.options.log('warn', 'event handler failed, retrying', {
          eventId: parsed.envelope.id,
          type: parsed.envelope.type,
          attempt,
          error: detail,
        });
        await sleep(this.options.retryInitialMs * 2 ** (attempt - 1));
      }
    }
  }

  private async process(
    event: EventEnvelope,
    handlers: EventHandlerRegistration[],
    topic: string,
    partition: number,
    offset: string,
  ): Promise<'handled' | 'duplicate'> {
    return TenantContext.run(event.tenantId, () =>
      this.dataSource.transaction(async (manager) => {
        const inserted: unknown[] = await manager.query(
          `INSERT INTO inbox (consumer_group, event_id, tenant_id, event_type)
           VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING event_id`,
          [this.groupId, event.id, event.tenantId, event.type],
        );
        if (inserted.length === 0) {
          this.stats.duplicates += 1;
          return 'duplicate' as const;
        }
        await setTenantForTransaction(manager, event.tenantId);
        for (const handler of handlers) {
          await handler.handle(event, { manager, tenantId: event.tenantId, topic, partition, offset });
        }
        this.stats.processed += 1;
        return 'handled' as const;
      }),
    );
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: DeadLetterReason,
    detail: string,
  ): Promise<void> {
    const logicalTopic = topic.slice(this.options.prefix.length);
    const headers: IHeaders = {
      ...message.headers,
      [EventHeader.DeadLetterReason]: reason,
      [EventHeader.DeadLetterDetail]: detail.slice(0, 4000),
      [EventHeader.DeadLetterSourceTopic]: topic,
      [EventHeader.DeadLetterSourcePartition]: String(partition),
      [EventHeader.DeadLetterSourceOffset]: message.offset,
      [EventHeader.DeadLetterConsumerGroup]: this.groupId,
    };
    await this.dlqProducer.send({
      topic: prefixed(this.options.prefix, deadLetterTopic(logicalTopic)),
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
    this.stats.deadLettered[reason] = (this.stats.deadLettered[reason] ?? 0) + 1;
    this.options.log('warn', 'event sent to the dead-letter topic', { topic, partition, offset: message.offset, reason, detail });
  }
}

function traceCarrierOf(headers: IHeaders | undefined): TraceCarrier | undefined {
  const traceparent = headers?.[EventHeader.TraceParent]?.toString();
  return traceparent ? { traceparent } : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
