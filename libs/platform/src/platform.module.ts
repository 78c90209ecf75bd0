import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ZodValidationPipe } from 'nestjs-zod';
import type { LogLevel, PlatformEnv } from './config/platform-env.schema';
import { HttpErrorFilter } from './errors/http-error.filter';
import { HealthController } from './health/health.controller';
import { ReadinessRegistry } from './health/readiness.registry';
import { PlatformLogger } from './logging/platform-logger';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';

/** The validated configuration the app booted with (its own schema's output). */
export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');

export interface PlatformModuleOptions {
  service: string;
  /** The validated environment; provided as PLATFORM_CONFIG, and sets the log level. */
  config?: Pick<PlatformEnv, 'LOG_LEVEL'>;
  logLevel?: LogLevel;
}

/** What every service shares: readiness, metrics, logger, /health and /metrics, validation, error mapping. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformModuleOptions): DynamicModule {
    const { service, config } = options;
    const level = config?.LOG_LEVEL ?? options.logLevel ?? 'info';
    return {
      module: PlatformModule,
      global: true,
      controllers: [HealthController, MetricsController],
      providers: [
        ReadinessRegistry,
        { provide: MetricsService, useFactory: () => new MetricsService({ service }) },
        { provide: PlatformLogger, useFactory: () => new PlatformLogger({ service, level }) },
        ...(config ? [{ provide: PLATFORM_CONFIG, useValue: config }] : []),
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
      exports: [ReadinessRegistry, MetricsService, PlatformLogger, ...(config ? [PLATFORM_CONFIG] : [])],
    };
  }
}
