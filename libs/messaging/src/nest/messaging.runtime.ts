import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ClientConfig } from 'pg';
import { EventDefinition, eventRegistry } from '@respire/contracts';
import { MetricsService, ReadinessRegistry } from '@respire/platform';
import { EventConsumer } from '../consumer/event-consumer';
import { EventHandlerFn, EventHandlerRegistration } from '../consumer/event-handler';
import { KafkaAdmin } from '../kafka/kafka-admin';
import { errorDetail, KafkaSettings, MessagingLog, prefixed } from '../kafka/kafka-settings';
import { MessageProducer } from '../kafka/message-producer';
import { ensureTopics } from '../kafka/topic-admin';
import { InboxPurger } from '../inbox/inbox-purger';
import { OutboxRelay } from '../outbox/outbox-relay';
import { HANDLE_EVENT_METADATA } from './handle-event.decorator';
import { registerMessagingMetrics } from './messaging.metrics';
import { KAFKA_SETTINGS, MESSAGING_OPTIONS, MessagingModuleOptions } from './messaging.options';

/**
 * Starts and stops the service's Kafka side: topics, producer, outbox relay, consumer.
 * Stopping order on SIGTERM: the consumer stops fetching and finishes what it holds (before
 * shutdown); once HTTP has drained, the relay flushes what requests committed (shutdown).
 */
@Injectable()
export class MessagingRuntime
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('Messaging');
  private producer: MessageProducer | null = null;
  private admin: KafkaAdmin | null = null;
  private relay: OutboxRelay | null = null;
  private consumer: EventConsumer | null = null;
  private inboxPurger: InboxPurger | null = null;
  private joining: Promise<void> = Promise.resolve();
  private stopping = false;
  private wakeUp: () => void = () => undefined;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    @Inject(KAFKA_SETTINGS) private readonly kafka: KafkaSettings,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly readiness: ReadinessRegistry,
    private readonly metrics: MetricsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const log: MessagingLog = (level, message, extra) => {
      const line = { msg: message, ...extra };
      if (level === 'error') this.logger.error(line);
      else if (level === 'warn') this.logger.warn(line);
      else if (level === 'info') this.logger.log(line);
    };
    const admin = (this.admin = new KafkaAdmin(this.kafka));
    // Reported, not required: requests commit their events to the outbox, which waits for Kafka.
    this.readiness.register('kafka', () => admin.ping(), { required: false });
    this.producer = new MessageProducer(this.kafka);

    if (this.options.runRelay) {
      // The relay retries on its own until Kafka takes the events.
      this.relay = new OutboxRelay(pgConfigOf(this.dataSource), this.producer, {
        service: this.options.service,
        topicPrefix: this.options.prefix,
        log,
      });
      this.relay.start();
    }
    const handlers = this.discoverHandlers();
    if (this.options.runConsumer && handlers.length > 0) {
      this.consumer = new EventConsumer(this.kafka, this.producer, this.dataSource, eventRegistry, handlers, {
        groupId: this.options.service,
        topics: this.options.consumes,
        prefix: this.options.prefix,
        eventsPerTransaction: this.options.eventsPerTransaction,
        log,
      });
      this.inboxPurger = new InboxPurger(this.dataSource, {
        retentionDays: this.options.inboxRetentionDays ?? 45,
        log,
      });
      this.inboxPurger.start();
    }
    registerMessagingMetrics(this.metrics, {
      dataSource: this.dataSource,
      admin,
      relay: this.relay,
      consumer: this.consumer,
      topics: this.options.consumes.map((topic) => prefixed(this.options.prefix, topic)),
    });
    // A process starts whether or not Kafka answers (HTTP serves from the database alone), and
    // joins Kafka in the background, as soon as it can.
    this.joining = this.joinKafka(admin);
    this.logger.log(
      `relay ${this.relay ? 'on' : 'off'}, consumer ${this.consumer ? `on (${handlers.length} handlers)` : 'off'}`,
    );
  }

  /** Topics (where this process creates them), then the consumer; retried with backoff until it works or the process stops. */
  private async joinKafka(admin: KafkaAdmin): Promise<void> {
    let delay = 500;
    for (let attempt = 1; !this.stopping; attempt++) {
      try {
        if (this.options.createTopics) await ensureTopics(admin, { prefix: this.options.prefix });
        if (this.consumer && !this.stopping) await this.consumer.start();
        if (attempt > 1) this.logger.log(`joined Kafka after ${attempt} attempts`);
        return;
      } catch (error) {
        if (attempt === 1 || attempt % 10 === 0) {
          this.logger.warn(
            `Kafka not reachable yet (attempt ${attempt}), retrying in the background: ${errorDetail(error)}`,
          );
        }
        await this.consumer?.stop().catch(() => undefined);
        await this.pause(delay);
        delay = Math.min(delay * 2, 15_000);
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.wakeUp();
    await this.joining;
    await this.inboxPurger?.stop();
    await this.consumer?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.producer?.close();
    await this.admin?.close();
  }

  relayStats() {
    return this.relay?.getStats() ?? null;
  }

  consumerStats() {
    return this.consumer?.stats ?? null;
  }

  private discoverHandlers(): EventHandlerRegistration[] {
    const registrations: EventHandlerRegistration[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const definitions: EventDefinition[] | undefined = Reflect.getMetadata(
          HANDLE_EVENT_METADATA,
          prototype,
          method,
        );
        if (!definitions) continue;
        const handle = (instance[method] as EventHandlerFn).bind(instance);
        for (const definition of definitions) {
          if (!this.options.consumes.includes(definition.topic)) {
            throw new Error(
              `${wrapper.name}.${method} handles ${definition.type} but ${definition.topic} is not consumed`,
            );
          }
          registrations.push({ definition, name: `${wrapper.name}.${method}`, handle });
        }
      }
    }
    return registrations;
  }
}

function pgConfigOf(dataSource: DataSource): ClientConfig {
  const options = dataSource.options as {
    url?: string;
    host?: string;
    port?: number;
    username?: string;
    password?: string;
    database?: string;
  };
  return options.url
    ? { connectionString: options.url }
    : {
        host: options.host,
        port: options.port,
        user: options.username,
        password: options.password,
        database: options.database,
      };
}
