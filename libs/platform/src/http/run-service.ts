import { DynamicModule, INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { z } from 'zod';
import { ConfigError } from '../config/config-error';
import { loadConfig } from '../config/load-config';
import { PlatformEnv, ServiceName } from '../config/platform-env.schema';
import { redactConfig } from '../config/redact-config';
import { PlatformLogger } from '../logging/platform-logger';
import { createHttpApp, HttpAppOptions } from './create-http-app';
import { initTracing } from '../tracing/tracing';

export interface ServiceDefinition<S extends z.ZodObject> {
  service: ServiceName;
  /** The app's env schema, built on platformEnvSchema(service). */
  env: S;
  /** The root module for this configuration; it imports PlatformModule.forRoot({service, config}). */
  module: (config: z.output<S>) => Type<unknown> | DynamicModule;
  /** How the HTTP app differs from an API service's (the web app). */
  http?: Pick<HttpAppOptions, 'kind' | 'configure'>;
}

/** Past this, a SIGTERM'd process that has not finished closing exits anyway. */
const SHUTDOWN_DEADLINE_MS = 25_000;

/**
 * A service's main: validate the environment (exit 1 naming each bad variable), then serve
 * HTTP on 0.0.0.0:PORT when ROLE includes `http`, else run the modules without HTTP.
 */
export async function runService<S extends z.ZodObject>(definition: ServiceDefinition<S>): Promise<void> {
  const { service } = definition;
  let config: z.output<S> & PlatformEnv;
  try {
    config = loadConfig(definition.env, process.env, service) as z.output<S> & PlatformEnv;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }

  initTracing(service);
  const logger = new PlatformLogger({ service, level: config.LOG_LEVEL });
  logger.log({ msg: 'configuration loaded', config: redactConfig(definition.env, config) }, 'Bootstrap');
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`${signal} received: finishing in-flight work, then exiting`, 'Shutdown');
      setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref();
    });
  }

  try {
    const module = definition.module(config);
    if (config.ROLE.includes('http')) {
      const app = await createHttpApp(module, {
        ...definition.http,
        service,
        port: config.PORT,
        trustProxy: config.TRUST_PROXY,
      });
      const port = new URL(await app.getUrl()).port;
      logger.log(
        `${service} listening on http://0.0.0.0:${port} (roles: ${config.ROLE.join(', ')})`,
        'Bootstrap',
      );
    } else {
      await startWithoutHttp(module);
      logger.log(`${service} running without HTTP (roles: ${config.ROLE.join(', ')})`, 'Bootstrap');
    }
  } catch (error) {
    logger.fatal(error instanceof Error ? error : new Error(String(error)), 'Bootstrap');
    process.exit(1);
  }
}

async function startWithoutHttp(module: Type<unknown> | DynamicModule): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(module, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(PlatformLogger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.init();
  return app;
}
