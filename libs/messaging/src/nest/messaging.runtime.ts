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
import { KafkaSettings, MessagingLog, prefixed } from '../kafka/kafka-settings';
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
export class MessagingRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Messaging');
  private producer: MessageProducer | null = null;
  private admin: KafkaAdmin | null = null;
  private relay: OutboxRelay | null = null;
  private consumer: EventConsumer | null = null;
  private inboxPurger: InboxPurger | null = null;

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
    this.readiness.register('kafka', () => admin.ping());
    if (this.options.createTopics) await ensureTopics(admin, { prefix: this.options.prefix });

    this.producer = new MessageProducer(this.kafka);

    if (this.options.runRelay) {
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
        log,
      });
      await this.consumer.start();
      this.inboxPurger = new InboxPurger(this.dataSource, { retentionDays: this.options.inboxRetentionDays ?? 45, log });
      this.inboxPurger.start();
    }
    registerMessagingMetrics(this.metrics, {
      dataSource: this.dataSource,
      admin,
      relay: this.relay,
      consumer: this.consumer,
      topics: this.options.consumes.map((topic) => prefixed(this.options.prefix, topic)),
    });
    this.logger.log(
      `relay ${this.relay ? 'on' : 'off'}, consumer ${this.consumer ? `on (${handlers.length} handlers)` : 'off'}`,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
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
        const definitions: EventDefinition[] | undefined = Reflect.getMetadata(HANDLE_EVENT_METADATA, prototype, method);
        if (!definitions) continue;
        const handle = (instance[method] as EventHandlerFn).bind(instance);
        for (const definition of definitions) {
          if (!this.options.consumes.includes(definition.topic)) {
            throw new Error(`${wrapper.name}.${method} handles ${definition.type} but ${definition.topic} is not consumed`);
          }
          registrations.push({ definition, name: `${wrapper.name}.${method}`, handle });
        }
      }
    }
    return registrations;
  }
}

function pgConfigOf(dataSource: DataSource): ClientConfig {
  const options = dataSource.options as { url?: string; host?: string; port?: number; username?: string; password?: string; database?: string };
  return options.url
    ? { connectionString: options.url }
    : { host: options.host, port: options.port, user: options.username, password: options.password, database: options.database };
}
