import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ALL_TOPICS, eventRegistry } from '@respire/contracts';
import {
  EventConsumer,
  KAFKA_SETTINGS,
  KafkaAdmin,
  KafkaSettings,
  MessageProducer,
  MessagingLog,
  prefixed,
} from '@respire/messaging';
import { MetricsService, PLATFORM_CONFIG, withTimeout } from '@respire/platform';
import { ReportingEnv } from '../../config/env.schema';
import { consumerLag } from '../infrastructure/consumer-lag';
import { GenerationRepository } from '../infrastructure/generation.repository';
import { ReadModelGeneration } from '../infrastructure/read-model-generation';
import { PROJECTION_BATCH_SIZE, ReadModelProjector } from './read-model.projector';

/**
 * Feeds the live read-model generation from the three topics (processes whose ROLE includes
 * `consumer`). Each generation has its own consumer group; when a rebuild switches the live
 * generation, this process notices within REPORTING_GENERATION_POLL_MS, stops the old group's
 * consumer and joins the new generation's group, which resumes where the rebuild left off.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projection');
  private producer: MessageProducer | null = null;
  private admin: KafkaAdmin | null = null;
  private consumer: EventConsumer | null = null;
  private generation: ReadModelGeneration | null = null;
  private timer: NodeJS.Timeout | null = null;
  private sync: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: ReportingEnv,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(KAFKA_SETTINGS) private readonly kafka: KafkaSettings,
    private readonly generations: GenerationRepository,
    private readonly metrics: MetricsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.ROLE.includes('consumer')) return;
    this.producer = new MessageProducer(this.kafka);
    await this.follow();
    this.timer = setInterval(() => void this.follow(), this.config.REPORTING_GENERATION_POLL_MS);
    this.timer.unref();
    this.registerMetrics();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.sync;
    await this.consumer?.stop();
    await this.producer?.close();
    await this.admin?.close();
  }

  /** The generation this process feeds (null when it runs no consumer). */
  get liveGeneration(): number | null {
    return this.generation?.generation ?? null;
  }

  /** Switches to the active generation if it changed; one switch at a time. */
  follow(): Promise<void> {
    this.sync = this.sync.then(async () => {
      if (this.stopped) return;
      try {
        const active = await this.generations.active();
        if (active.generation === this.generation?.generation) return;
        if (this.consumer) {
          this.logger.log(
            `read-model generation ${active.generation} is live: leaving generation ${this.generation?.generation}`,
          );
          await this.consumer.stop();
        }
        this.consumer = this.createConsumer(active);
        await this.consumer.start();
        this.generation = active;
        this.logger.log(
          `projecting into read-model generation ${active.generation} (group ${active.consumerGroup})`,
        );
      } catch (error) {
        this.logger.error(`could not follow the live read-model generation: ${(error as Error).message}`);
      }
    });
    return this.sync;
  }

  private createConsumer(generation: ReadModelGeneration): EventConsumer {
    const log: MessagingLog = (level, message, extra) => {
      const line = extra ? `${message} ${JSON.stringify(extra)}` : message;
      if (level === 'error') this.logger.error(line);
      else if (level === 'warn') this.logger.warn(line);
      else if (level === 'info') this.logger.log(line);
    };
    return new EventConsumer(
      this.kafka,
      this.producer!,
      this.dataSource,
      eventRegistry,
      new ReadModelProjector(generation),
      {
        groupId: generation.consumerGroup,
        topics: [...ALL_TOPICS],
        prefix: this.config.KAFKA_PREFIX,
        maxBatchSize: PROJECTION_BATCH_SIZE,
        log,
      },
    );
  }

  private registerMetrics(): void {
    const topics = ALL_TOPICS.map((topic) => prefixed(this.config.KAFKA_PREFIX, topic));
    const admin = (this.admin = new KafkaAdmin(this.kafka));
    const liveGeneration = () => this.liveGeneration;
    const liveGroup = () =>
      this.generation ? prefixed(this.config.KAFKA_PREFIX, this.generation.consumerGroup) : null;
    this.metrics.gauge({
      name: 'respire_reporting_live_generation',
      help: 'Read-model generation this process projects into (changes after a rebuild)',
      collect() {
        this.set(liveGeneration() ?? 0);
      },
    });
    this.metrics.gauge({
      name: 'respire_reporting_projection_lag',
      help: 'Messages on the topics not yet projected into the live read-model generation',
      async collect() {
        const group = liveGroup();
        if (!group) return;
        // Kafka away must not hang the scrape: the gauge keeps its last value meanwhile.
        const lag = await withTimeout(consumerLag(admin, group, topics), 1000, 'Kafka').catch(() => null);
        if (lag !== null) this.set(lag);
      },
    });
  }
}
