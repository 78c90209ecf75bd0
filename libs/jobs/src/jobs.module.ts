import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import Redis from 'ioredis';
import { ReadinessRegistry, registerRedisCheck } from '@respire/platform';
import { JobsMetrics } from './jobs.metrics';
import { QueueDashboard } from './queue-dashboard';
import { redisOptionsFromUrl } from './redis-url';
import { WorkerDrainer } from './worker-drainer';

export interface JobsModuleOptions {
  redisUrl: string;
  /** Key prefix: environments and test runs sharing a Redis never see each other's queues. */
  prefix: string;
}

export const JOBS_OPTIONS = Symbol('JOBS_OPTIONS');
export const JOBS_REDIS = Symbol('JOBS_REDIS');

export interface JobsModuleAsyncOptions {
  inject?: (string | symbol | (abstract new (...args: never[]) => unknown))[];
  useFactory: (...args: never[]) => JobsModuleOptions;
}

class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(JOBS_REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}

/** BullMQ on the service's Redis, with its prefix and a readiness check. */
@Global()
@Module({})
export class JobsModule {
  static forRootAsync(options: JobsModuleAsyncOptions): DynamicModule {
    return {
      module: JobsModule,
      imports: [
        DiscoveryModule,
        BullModule.forRootAsync({
          useFactory: (...args: unknown[]) => {
            const o = options.useFactory(...(args as never[]));
            return { connection: redisOptionsFromUrl(o.redisUrl), prefix: o.prefix };
          },
          inject: options.inject ?? [],
        }),
      ],
      providers: [
        { provide: JOBS_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        {
          provide: JOBS_REDIS,
          useFactory: (o: JobsModuleOptions, readiness: ReadinessRegistry) => {
            const redis = new Redis(redisOptionsFromUrl(o.redisUrl));
            registerRedisCheck(readiness, redis);
            return redis;
          },
          inject: [JOBS_OPTIONS, ReadinessRegistry],
        },
        RedisCloser,
        WorkerDrainer,
        JobsMetrics,
        QueueDashboard,
      ],
      exports: [JOBS_OPTIONS, JOBS_REDIS, BullModule],
    };
  }
}
