import { Message, MessagesStream } from '@platformatic/kafka';
import { DataSource } from 'typeorm';
import {
  deadLetterTopic,
  EventEnvelope,
  EventHeader,
  eventKey,
  EventRegistry,
  RejectionReason,
} from '@respire/contracts';
import { inSpan, isTransientDatabaseError, SpanKind, startSpan, TraceCarrier } from '@respire/platform';
import { setTenantForTransaction, TenantContext } from '@respire/tenancy';
import { createConsumer, RawConsumer } from '../kafka/kafka-clients';
import { consoleLog, errorDetail, KafkaSettings, MessagingLog, prefixed } from '../kafka/kafka-settings';
import { MessageProducer } from '../kafka/message-producer';
import { EventBatchHandler, EventHandlerRegistration } from './event-handler';
import { PartitionLanes } from './partition-lanes';

// OpenTelemetry's messaging attributes are still "incubating": its guidance is to copy them rather
// than import the unstable entry point.
const ATTR_MESSAGING_DESTINATION_NAME = 'messaging.destination.name';
const ATTR_MESSAGING_MESSAGE_ID = 'messaging.message.id';
const ATTR_MESSAGING_BATCH_MESSAGE_COUNT = 'messaging.batch.message_count';

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
  /** With a batch handler: most records of one partition handled in one transaction. */
  maxBatchSize?: number;
  /**
   * With per-event handlers: most records waiting on one partition handled in one transaction
   * (each event's handlers in offset order, one inbox statement). 1 (the default): one
   * transaction per event. A backlog then costs one commit per batch instead of one per event.
   */
  eventsPerTransaction?: number;
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
 * With a batch handler (`EventBatchHandler`), what a partition has queued (up to `maxBatchSize`
 * records) is handled in one transaction instead: one inbox statement for the batch, then the
 * new events, per tenant, in offset order; a redelivered batch changes nothing either. With
 * per-event handlers and `eventsPerTransaction` above 1, what a partition has queued is likewise
 * handled in one transaction, each event's handlers in offset order.
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
  private readonly batchHandler: EventBatchHandler | null;
  private readonly batchTypes = new Set<string>();
  private readonly options: Required<Omit<EventConsumerOptions, 'prefix'>> & { prefix: string };
  private running = false;
  private restarting: Promise<void> | null = null;
  readonly stats: ConsumerStats = {
    processed: 0,
    duplicates: 0,
    ignored: 0,
    deadLettered: {},
    transientRetries: 0,
  };

  constructor(
    private readonly kafka: KafkaSettings,
    private readonly dlqProducer: MessageProducer,
    private readonly dataSource: DataSource,
    private readonly registry: EventRegistry,
    handlers: EventHandlerRegistration[] | EventBatchHandler,
    options: EventConsumerOptions,
  ) {
    this.options = {
      maxAttempts: 5,
      retryInitialMs: 100,
      transientRetryMaxMs: 5_000,
      partitionsConsumedConcurrently: 3,
      commitEvery: 100,
      restartDelayMs: 2000,
      maxBatchSize: 500,
      eventsPerTransaction: 1,
      log: consoleLog,
      prefix: '',
      ...options,
    };
    if (Array.isArray(handlers)) {
      this.batchHandler = null;
      for (const handler of handlers) {
        const key = eventKey(handler.definition.type, handler.definition.version);
        this.handlers.set(key, [...(this.handlers.get(key) ?? []), handler]);
      }
    } else {
      this.batchHandler = handlers;
      for (const definition of handlers.definitions)
        this.batchTypes.add(eventKey(definition.type, definition.version));
    }
  }

  /** Most records of one partition handled in one transaction. */
  private get batchSize(): number {
    return this.batchHandler
      ? this.options.maxBatchSize
      : Math.max(1, this.options.eventsPerTransaction || 1);
  }

  /** Records queued before the stream pauses (resumes at half): room for full batches on every lane. */
  private get pauseAt(): number {
    return Math.max(512, 2 * this.batchSize * this.options.partitionsConsumedConcurrently);
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
      (lane, error) =>
        this.lanes === lanes && this.restart(`partition ${lane} failed: ${errorDetail(error)}`),
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
      if (lanes.size >= this.pauseAt) stream.pause();
    });
    stream.on(
      'error',
      (error) => this.stream === stream && this.restart(`stream failed: ${errorDetail(error)}`),
    );
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
      this.options.log('warn', 'consumer did not leave its group cleanly', {
        groupId: this.groupId,
        error: errorDetail(error),
      });
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
          this.options.log('warn', 'consumer could not rejoin its group, retrying', {
            groupId: this.groupId,
            error: errorDetail(error),
          });
          await this.shutdown();
        }
      }
    })().finally(() => (this.restarting = null));
  }

  private async handleInLane(
    consumer: RawConsumer,
    lanes: PartitionLanes<ConsumedRecord>,
    record: ConsumedRecord,
  ): Promise<void> {
    const lane = `${record.topic}:${record.partition}`;
    const records = [record, ...lanes.take(lane, this.batchSize - 1)];
    const owned = this.owns(consumer, record);
    const done = this.progress.get(lane);
    const fresh = owned ? records.filter((r) => !(done && r.offset < done.offset)) : [];
    if (fresh.length > 0) {
      const stillMine = () => this.running && this.lanes === lanes && this.owns(consumer, record);
      if (this.batchHandler || fresh.length > 1) await this.handleBatch(fresh, stillMine);
      else await this.handleRecord(fresh[0], stillMine);
      const last = fresh[fresh.length - 1];
      this.progress.set(lane, {
        topic: last.topic,
        partition: last.partition,
        offset: last.offset + 1n,
        leaderEpoch: last.leaderEpoch,
        uncommitted: (done?.uncommitted ?? 0) + fresh.length,
      });
    }
    const progress = this.progress.get(lane);
    if (
      progress &&
      progress.uncommitted > 0 &&
      (progress.uncommitted >= this.options.commitEvery || lanes.queuedIn(lane) === 0)
    ) {
      await this.commit(consumer, [lane]);
    }
    if (this.stream?.isPaused() && lanes.size < this.pauseAt / 2) this.stream.resume();
  }

  private async commit(consumer: RawConsumer, partitions: string[]): Promise<void> {
    const due = partitions
      .map((partition) => this.progress.get(partition))
      .filter((p): p is Progress => !!p && p.uncommitted > 0);
    if (due.length === 0) return;
    for (const progress of due) progress.uncommitted = 0;
    await consumer.commit({
      offsets: due.map(({ topic, partition, offset, leaderEpoch }) => ({
        topic,
        partition,
        offset,
        leaderEpoch,
      })),
    });
  }

  private owns(consumer: RawConsumer, record: ConsumedRecord): boolean {
    return (
      consumer.assignments?.some(
        (a) => a.topic === record.topic && a.partitions.includes(record.partition),
      ) ?? false
    );
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
    if (this.ignoredUnread(record)) {
      this.stats.ignored += 1;
      return;
    }
    const parsed = this.registry.parse(record.value ?? null);
    if (!parsed.ok) {
      await this.deadLetter(record, parsed.reason, parsed.detail);
      return;
    }
    if (!this.handles(parsed.envelope)) {
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
          const outcome = this.batchHandler
            ? (await this.processBatch([event], topic, partition, [offset])) > 0
              ? 'handled'
              : 'duplicate'
            : await this.process(
                event,
                this.handlers.get(eventKey(event.type, event.version))!,
                topic,
                partition,
                offset,
              );
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
          await sleep(
            Math.min(
              this.options.retryInitialMs * 2 ** Math.min(transient - 1, 10),
              this.options.transientRetryMaxMs,
            ),
          );
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

  private handles(event: EventEnvelope): boolean {
    return this.handlesKey(eventKey(event.type, event.version));
  }

  private handlesKey(key: string): boolean {
    return this.batchHandler ? this.batchTypes.has(key) : this.handlers.has(key);
  }

  /**
   * A record whose headers (set by the relay from the outbox row) name an event of the contracts
   * that this consumer does not handle: ignored without reading its value (no JSON parse, no
   * schema check), as it would be once parsed — a topic's other events cost a group that skips
   * them almost nothing. Without those headers, or naming an event the contracts do not know,
   * the record is parsed (and dead-lettered if it must be) as before.
   */
  private ignoredUnread(record: ConsumedRecord): boolean {
    const type = record.headers.get(EventHeader.Type)?.toString();
    const version = Number(record.headers.get(EventHeader.Version)?.toString());
    if (!type || !Number.isInteger(version) || !this.registry.find(type, version)) return false;
    return !this.handlesKey(eventKey(type, version));
  }

  /**
   * Handles a partition's records in one transaction (a batch handler, or several events' handlers). What cannot be parsed is
   * dead-lettered first, as one record would be. A transient failure retries the batch, like a
   * record's; any other failure hands the batch's records over one by one to `handleRecord`, so
   * only the failing event is retried and dead-lettered and the others are applied in order.
   */
  private async handleBatch(records: ConsumedRecord[], stillMine: () => boolean): Promise<void> {
    const events: EventEnvelope[] = [];
    const handled: ConsumedRecord[] = [];
    for (const record of records) {
      if (this.ignoredUnread(record)) {
        this.stats.ignored += 1;
        continue;
      }
      const parsed = this.registry.parse(record.value ?? null);
      if (!parsed.ok) await this.deadLetter(record, parsed.reason, parsed.detail);
      else if (!this.handles(parsed.envelope)) this.stats.ignored += 1;
      else {
        events.push(parsed.envelope);
        handled.push(record);
      }
    }
    if (events.length === 0) return;
    const { topic, partition } = records[0];
    for (let transient = 1; ; transient++) {
      try {
        const span = startSpan(`consume batch`, SpanKind.CONSUMER, traceCarrierOf(handled[0].headers), {
          [ATTR_MESSAGING_DESTINATION_NAME]: topic,
          [ATTR_MESSAGING_BATCH_MESSAGE_COUNT]: events.length,
        });
        await inSpan(
          span,
          { correlationId: events[0].correlationId, tenantId: events[0].tenantId },
          async () => {
            const started = Date.now();
            const fresh = await this.processBatch(
              events,
              topic,
              partition,
              handled.map((r) => r.offset.toString()),
            );
            this.options.log('info', 'event batch handled', {
              topic,
              partition,
              firstOffset: handled[0].offset.toString(),
              events: events.length,
              duplicates: events.length - fresh,
              durationMs: Date.now() - started,
            });
          },
        );
        return;
      } catch (error) {
        if (!isTransientDatabaseError(error)) {
          this.options.log('warn', 'event batch failed, handling its events one by one', {
            topic,
            partition,
            events: events.length,
            error: (error as Error).message,
          });
          for (const record of handled) await this.handleRecord(record, stillMine);
          return;
        }
        this.stats.transientRetries += 1;
        if (transient === 1 || transient % 20 === 0) {
          this.options.log('warn', 'database unavailable, holding the partition and retrying', {
            topic,
            partition,
            tries: transient,
            error: (error as Error).message,
          });
        }
        if (!stillMine()) throw error;
        await sleep(
          Math.min(
            this.options.retryInitialMs * 2 ** Math.min(transient - 1, 10),
            this.options.transientRetryMaxMs,
          ),
        );
      }
    }
  }

  /**
   * One transaction: the batch's inbox rows in one statement, then the events not seen before
   * (first copy of each): one batch handler call per tenant, or each event's handlers in offset
   * order. Returns how many were new.
   */
  private async processBatch(
    events: EventEnvelope[],
    topic: string,
    partition: number,
    offsets: string[],
  ): Promise<number> {
    const handler = this.batchHandler;
    return this.dataSource.transaction(async (manager) => {
      const inserted: { event_id: string }[] = await manager.query(
        `INSERT INTO inbox (consumer_group, event_id, tenant_id, event_type)
         SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::text[]) ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.groupId, events.map((e) => e.id), events.map((e) => e.tenantId), events.map((e) => e.type)],
      );
      const fresh = new Set(inserted.map((row) => row.event_id));
      if (!handler) {
        let count = 0;
        let tenant: string | null = null;
        for (const [i, event] of events.entries()) {
          if (!fresh.delete(event.id.toLowerCase())) continue;
          await TenantContext.run(event.tenantId, async () => {
            if (event.tenantId !== tenant) await setTenantForTransaction(manager, event.tenantId);
            tenant = event.tenantId;
            for (const registration of this.handlers.get(eventKey(event.type, event.version))!) {
              await registration.handle(event, {
                manager,
                tenantId: event.tenantId,
                topic,
                partition,
                offset: offsets[i],
              });
            }
          });
          count += 1;
        }
        this.stats.duplicates += events.length - count;
        this.stats.processed += count;
        return count;
      }
      const byTenant = new Map<string, EventEnvelope[]>();
      for (const event of events) {
        if (!fresh.delete(event.id.toLowerCase())) continue;
        const list = byTenant.get(event.tenantId);
        if (list) list.push(event);
        else byTenant.set(event.tenantId, [event]);
      }
      let count = 0;
      // Tenants in one order (by id) in every batch: a handler's per-tenant locks, held until commit
      // (reporting's recount lock), are then taken in the same order by concurrent batches, which
      // cannot deadlock on them as two batches holding one tenant each and waiting for the other's would.
      const tenants = [...byTenant].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [tenantId, list] of tenants) {
        await TenantContext.run(tenantId, async () => {
          await setTenantForTransaction(manager, tenantId);
          await handler.handleBatch(list, { manager, tenantId, topic, partition });
        });
        count += list.length;
      }
      this.stats.duplicates += events.length - count;
      this.stats.processed += count;
      return count;
    });
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
    this.options.log('warn', 'event sent to the dead-letter topic', {
      topic,
      partition,
      offset,
      reason,
      detail,
    });
  }
}

function traceCarrierOf(headers: Map<string, Buffer>): TraceCarrier | undefined {
  const traceparent = headers.get(EventHeader.TraceParent)?.toString();
  return traceparent ? { traceparent } : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
