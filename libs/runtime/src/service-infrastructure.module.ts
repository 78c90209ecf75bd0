import { DynamicModule, Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, MixedList } from 'typeorm';
import { Topic } from '@respire/contracts';
import { JobsModule } from '@respire/jobs';
import { MessagingModule } from '@respire/messaging';
import {
  PlatformEnv,
  PlatformModule,
  ReadinessRegistry,
  registerDataSourceCheck,
  ServiceName,
} from '@respire/platform';
import { AuthModule, serviceDataSourceOptions, TokenVerifierConfig } from '@respire/tenancy';

export interface ServiceInfrastructureOptions {
  service: ServiceName;
  config: PlatformEnv;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string>;
  /** Topics the service's @HandleEvent methods read. */
  consumes: Topic[];
  /** Events waiting on one partition handled in one transaction by the consumer; default 1. */
  eventsPerTransaction?: number;
  /** BullMQ on Redis (services with delayed work). */
  jobs?: boolean;
  /** Replaces the verifier built from JWKS_URL / JWT_SECRET (the identity service checks its own keys). */
  tokenVerifier?: TokenVerifierConfig;
}

@Injectable()
class DatabaseReadiness implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry,
  ) {}
  onModuleInit(): void {
    registerDataSourceCheck(this.readiness, this.dataSource);
  }
}

/**
 * How a service checks bearer tokens: through JWKS_URL when set (and, outside production, also the
 * HS256 tokens JWT_SECRET signs, so `npm run token` keeps working beside the identity service),
 * else with JWT_SECRET alone.
 */
export function tokenVerifierConfig(config: PlatformEnv): TokenVerifierConfig {
  const claims = { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE };
  const devSecret = config.NODE_ENV === 'production' ? undefined : config.JWT_SECRET;
  if (config.JWKS_URL) return { kind: 'jwks', url: config.JWKS_URL, devSecret, ...claims };
  return { kind: 'secret', secret: config.JWT_SECRET!, ...claims };
}

/**
 * Everything a Respire service stands on, configured from its validated environment:
 * platform (health, metrics, logs, errors), its database, auth, Kafka (outbox relay and
 * consumer per ROLE) and, when asked, BullMQ.
 */
@Module({})
export class ServiceInfrastructureModule {
  static forRoot(options: ServiceInfrastructureOptions): DynamicModule {
    const { service, config } = options;
    if (!config.DATABASE_URL)
      throw new Error(`${service} needs DATABASE_URL (or ${service.toUpperCase()}_DATABASE_URL)`);
    const roles = config.ROLE;
    return {
      module: ServiceInfrastructureModule,
      imports: [
        PlatformModule.forRoot({ service, config }),
        TypeOrmModule.forRoot(serviceDataSourceOptions(config.DATABASE_URL, options.entities)),
        AuthModule.forRootAsync({ useFactory: () => options.tokenVerifier ?? tokenVerifierConfig(config) }),
        MessagingModule.forRootAsync({
          useFactory: () => ({
            service,
            brokers: config.KAFKA_BROKERS,
            prefix: config.KAFKA_PREFIX,
            consumes: options.consumes,
            runRelay: roles.includes('relay'),
            runConsumer: roles.includes('consumer'),
            createTopics: config.KAFKA_CREATE_TOPICS,
            inboxRetentionDays: config.INBOX_RETENTION_DAYS,
            eventsPerTransaction: options.eventsPerTransaction,
          }),
        }),
        ...(options.jobs
          ? [
              JobsModule.forRootAsync({
                useFactory: () => ({ redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX }),
              }),
            ]
          : []),
      ],
      providers: [DatabaseReadiness],
    };
  }
}
