import { Message, MessagesStream } from '@platformatic/kafka';
import { DataSource } from 'typeorm';
import { deadLetterTopic, EventEnvelope, EventHeader, eventKey, EventRegistry, RejectionReason } from '@respire/contracts';
import { inSpan, isTransientDatabaseError, SpanKind, startSpan, TraceCarrier } from '@respire/platform';
import { setTenantForTransaction, TenantContext } from '@respire/tenancy';
import { createConsumer, RawConsumer } from '../kafka/kafka-clients';
import { consoleLog, errorDetail, KafkaSettings, MessagingLog, prefixed } from '../kafka/kafka-settings';
import { MessageProducer } from '../kafka/message-producer';
import { EventHandlerRegistration } from './event-handler';
import { PartitionLanes } from './partition-lanes';

// OpenTelemetry's messaging attributes are still "incubating": its guidance is to copy them rather
// than import the unstable entry point.
const ATTR_MESSAGING_DESTINATION_NAME = 'messaging.destination.name';
const ATTR_MESSAGING_MESSAGE_ID = 'messaging.message.id';

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
  /** Commit a partition's offset at least this often while it has a backlog (always once it has none). */
  commitEvery?: number;
  /** Backoff before consuming again after the stream failed (broker gone, commit refused…). */
  restartDelayMs?: number;
  log?: MessagingLog;
}

type DeadLetterReason = RejectionReason | 'handler-failed';
type ConsumedRecord = Message<Buffer, Buffer, string, Buffer>;

export interface ConsumerStats {
  processed: number;
  duplicates: number;
  ignored: number;
  deadLettered: Record<string, number>;
  /** Tries of a handler that failed for a transient reason (database unreachable, lost race). */
  transientRetries: number;
}

/** The next offset to read on one partition: what its commit says. */
interface Progress {
  topic: string;
  partition: number;
  offset: bigint;
  leaderEpoch: number;
  uncommitted: number;
}

/**
 * Consumes the platform topics with effect-exactly-once semantics:
 * each event is handled in one database transaction that also records (group, event id) in the
 * inbox; a redelivered event finds its inbox row and changes nothing. Offsets are committed
 * only after that transaction committed. What cannot be handled goes to `<topic>.dlq` with
 * the reason in headers, and the partition moves on.
 *
 * Partitions are handled concurrently, each in offset order. A record of a partition this member
 * no longer owns (taken away by a rebalance) is skipped, as is one below what this member already
 * handled on its partition (re-read after a rebalance kept the partition here). If the stream
 * fails, the member leaves the group and consumes again from the committed offsets after a pause.
 */
export class EventConsumer {
  private consumer: RawConsumer | null = null;
  private stream: MessagesStream<Buffer, Buffer, string, Buffer> | null = null;
  private lanes: PartitionLanes<ConsumedRecord> | null = null;
  private readonly progress = new Map<string, Progress>();
  private readonly handlers = new Map<string, EventHandlerRegistration[]>();
  private readonly options: Required<Omit<EventConsumerOptions, 'prefix'>> & { prefix: string };
  private running = false;
  private restarting: Promise<void> | null = null;
  readonly stats: ConsumerStats = { processed: 0, duplicates: 0, ignored: 0, deadLettered: {}, transientRetries: 0 };

  constructor(
    private readonly kafka: KafkaSettings,
    private readonly dlqProducer: MessageProducer,
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
      restartDelayMs: 2000,
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

  /** Joins the group; resolves once this member has its partitions and consumes them. */
  async start(): Promise<void> {
    this.running = true;
    const consumer = createConsumer(this.kafka, this.groupId);
    const lanes: PartitionLanes<ConsumedRecord> = new PartitionLanes<ConsumedRecord>(
      this.options.partitionsConsumedConcurrently,
      (record) => this.handleInLane(consumer, lanes, record),
      (lane, error) => this.lanes === lanes && this.restart(`partition ${lane} failed: ${errorDetail(error)}`),
    );
    this.consumer = consumer;
    this.lanes = lanes;
    const stream = await consumer.consume({
      topics: this.options.topics.map((topic) => prefixed(this.options.prefix, topic)),
      mode: 'committed',
      fallbackMode: 'earliest',
    });
    this.stream = stream;
    stream.on('data', (record: ConsumedRecord) => {
      if (this.lanes !== lanes) return;
      lanes.push(`${record.topic}:${record.partition}`, record);
      if (lanes.size >= 512) stream.pause();
    });
    stream.on('error', (error) => this.stream === stream && this.restart(`stream failed: ${errorDetail(error)}`));
  }

  /** Stops fetching, lets the records in hand finish, commits what was done and leaves the group. */
  async stop(): Promise<void> {
    this.running = false;
    await this.restarting;
    await this.shutdown();
  }

  private async shutdown(): Promise<void> {
    const { consumer, stream, lanes } = this;
    this.lanes = null;
    await lanes?.stop();
    this.stream = null;
    this.consumer = null;
    if (consumer) await this.commit(consumer, [...this.progress.keys()]).catch(() => undefined);
    this.progress.clear();
    await stream?.close().catch(() => undefined);
    await consumer?.close(true).catch((error) => {
      this.options.log('warn', 'consumer did not leave its group cleanly', { groupId: this.groupId, error: errorDetail(error) });
    });
  }

  private restart(reason: string): void {
    if (!this.running || this.restarting) return;
    this.options.log('warn', 'consumer failed, consuming again from the committed offsets', {
      groupId: this.groupId,
      reason,
      retryInMs: this.options.restartDelayMs,
    });
    this.restarting = (async () => {
      await this.shutdown();
      while (this.running) {
        await sleep(this.options.restartDelayMs);
        if (!this.running) break;
        try {
          await this.start();
          break;
        } catch (error) {
          this.options.log('warn', 'consumer could not rejoin its group, retrying', { groupId: this.groupId, error: errorDetail(error) });
          await this.shutdown();
        }
      }
    })().finally(() => (this.restarting = null));
  }

  private async handleInLane(consumer: RawConsumer, lanes: PartitionLanes<ConsumedRecord>, record: ConsumedRecord): Promise<void> {
    const lane = `${record.topic}:${record.partition}`;
    const owned = consumer.assignments?.some((a) => a.topic === record.topic && a.partitions.includes(record.partition));
    const done = this.progress.get(lane);
    if (owned && !(done && record.offset < done.offset)) {
      await this.handleRecord(record, () => this.running && this.lanes === lanes && this.owns(consumer, record));
      this.progress.set(lane, {
        topic: record.topic,
        partition: record.partition,
        offset: record.offset + 1n,
        leaderEpoch: record.leaderEpoch,
        uncommitted: (done?.uncommitted ?? 0) + 1,
      });
    }
    const progress = this.progress.get(lane);
    if (progress && progress.uncommitted > 0 && (progress.uncommitted >= this.options.commitEvery || lanes.queuedIn(lane) === 0)) {
      await this.commit(consumer, [lane]);
    }
    if (this.stream?.isPaused() && lanes.size < 256) this.stream.resume();
  }

  private async commit(consumer: RawConsumer, partitions: string[]): Promise<void> {
    const due = partitions.map((partition) => this.progress.get(partition)).filter((p): p is Progress => !!p && p.uncommitted > 0);
    if (due.length === 0) return;
    for (const progress of due) progress.uncommitted = 0;
    await consumer.commit({
      offsets: due.map(({ topic, partition, offset, leaderEpoch }) => ({ topic, partition, offset, leaderEpoch })),
    });
  }

  private owns(consumer: RawConsumer, record: ConsumedRecord): boolean {
    return consumer.assignments?.some((a) => a.topic === record.topic && a.partitions.includes(record.partition)) ?? false;
  }

  /**
   * Handles one record. A handler failing for a transient reason (the database restarting or
   * unreachable, a serialization failure, a deadlock, a lock timeout) is tried again, with
   * backoff, for as long as it takes while the partition is still this member's: its lane waits
   * (later events of the same session must not be applied before it) and nothing goes to the
   * DLQ. Any other failure gets `maxAttempts` tries, then the event is dead-lettered and the
   * partition moves on.
   */
  private async handleRecord(record: ConsumedRecord, stillMine: () => boolean): Promise<void> {
    const { topic, partition } = record;
    const offset = record.offset.toString();
    const parsed = this.registry.parse(record.value ?? null);
    if (!parsed.ok) {
      await this.deadLetter(record, parsed.reason, parsed.detail);
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
        const span = startSpan(`consume ${event.type}`, SpanKind.CONSUMER, traceCarrierOf(record.headers), {
          [ATTR_MESSAGING_DESTINATION_NAME]: topic,
          [ATTR_MESSAGING_MESSAGE_ID]: event.id,
        });
        await inSpan(span, { correlationId: event.correlationId, tenantId: event.tenantId }, async () => {
          const started = Date.now();
          const outcome = await this.process(event, handlers, topic, partition, offset);
          this.options.log('info', `event ${outcome}`, {
            eventType: event.type,
            eventId: event.id,
            topic,
            partition,
            offset,
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
          // Stopping, or the partition went to another member: leave the offset uncommitted, the
          // event is handled by whoever consumes the partition next.
          if (!stillMine()) throw error;
          await sleep(Math.min(this.options.retryInitialMs * 2 ** Math.min(transient - 1, 10), this.options.transientRetryMaxMs));
          continue;
        }
        if (attempt >= this.options.maxAttempts) {
          await this.deadLetter(record, 'handler-failed', detail);
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

  private async deadLetter(record: ConsumedRecord, reason: DeadLetterReason, detail: string): Promise<void> {
    const { topic, partition } = record;
    const offset = record.offset.toString();
    const logicalTopic = topic.slice(this.options.prefix.length);
    await this.dlqProducer.send([
      {
        topic: prefixed(this.options.prefix, deadLetterTopic(logicalTopic)),
        key: record.key,
        value: record.value ?? null,
        headers: {
          ...Object.fromEntries(record.headers),
          [EventHeader.DeadLetterReason]: reason,
          [EventHeader.DeadLetterDetail]: detail.slice(0, 4000),
          [EventHeader.DeadLetterSourceTopic]: topic,
          [EventHeader.DeadLetterSourcePartition]: String(partition),
          [EventHeader.DeadLetterSourceOffset]: offset,
          [EventHeader.DeadLetterConsumerGroup]: this.groupId,
        },
      },
    ]);
    this.stats.deadLettered[reason] = (this.stats.deadLettered[reason] ?? 0) + 1;
    this.options.log('warn', 'event sent to the dead-letter topic', { topic, partition, offset, reason, detail });
  }
}

function traceCarrierOf(headers: Map<string, Buffer>): TraceCarrier | undefined {
  const traceparent = headers.get(EventHeader.TraceParent)?.toString();
  return traceparent ? { traceparent } : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
