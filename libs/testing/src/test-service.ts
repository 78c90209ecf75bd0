import { DynamicModule, Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import { MixedList } from 'typeorm';
import { z } from 'zod';
import { createHttpApp, initTracing, loadConfig, PlatformEnv, ServiceName } from '@respire/platform';
import { mintToken, Role } from '@respire/tenancy';
import { testInfrastructure, uniqueSuffix } from './infrastructure';
import { createTestDatabase, TestDatabase } from './test-database';
import { createTestKafka, TestKafka } from './test-kafka';

export const TEST_JWT_SECRET = 'respire-test-secret-at-least-32-characters-long';

export interface TestServiceOptions<S extends z.ZodObject> {
  service: ServiceName;
  env: S;
  module: (config: z.output<S>) => Type<unknown> | DynamicModule;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Share one Kafka prefix between services of one test (the test then cleans it up). */
  kafka?: TestKafka;
  /** Extra or overriding environment variables. */
  extraEnv?: Record<string, string>;
  /**
   * Another instance of an already started service: reuse its database and Redis prefix (pass
   * its `db` and `redisPrefix`, and its `kafka`). This instance's close() leaves them to the first.
   */
  shareWith?: { db: TestDatabase; redisPrefix: string };
}

export interface TestService<C> {
  readonly app: NestFastifyApplication;
  readonly baseUrl: string;
  readonly config: C;
  readonly db: TestDatabase;
  readonly kafka: TestKafka;
  readonly redisPrefix: string;
  /** A bearer token for this service's tests. */
  token(role: Role, tenantId?: string | null, facilitatorId?: string | null): Promise<string>;
  /** fetch() against the service, JSON in and out. */
  request(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

/**
 * Boots one service as production does (its real module, its own migrated database, Kafka
 * under a fresh prefix, Redis under a fresh key prefix) on a random port.
 */
export async function startTestService<S extends z.ZodObject>(
  options: TestServiceOptions<S>,
): Promise<TestService<z.output<S>>> {
  const ownsKafka = !options.kafka;
  const kafka = options.kafka ?? (await createTestKafka());
  const db = options.shareWith?.db ?? (await createTestDatabase(options.migrations));
  const redisPrefix = options.shareWith?.redisPrefix ?? `test-${uniqueSuffix()}`;
  const env = testServiceEnv({ db, kafka, redisPrefix }, { PORT: '0', ...options.extraEnv });
  initTracing(options.service);
  const config = loadConfig(options.env, env, options.service);
  const app = await createHttpApp(options.module(config), {
    service: options.service,
    port: 0,
    trustProxy: (config as Partial<PlatformEnv>).TRUST_PROXY,
  });
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');

  return {
    app,
    baseUrl,
    config,
    db,
    kafka,
    redisPrefix,
    token: (role, tenantId = null, facilitatorId = null) =>
      mintToken({ secret: TEST_JWT_SECRET, subject: `test-${role}`, roles: [role], tenantId, facilitatorId }),
    async request(method, path, { body, token, headers } = {}) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON: keep the text */
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    async close() {
      await app.close();
      if (!options.shareWith) {
        await db.drop();
        await deleteRedisKeys(redisPrefix);
      }
      if (ownsKafka) await kafka.cleanup();
    },
  };
}

/** A test service's environment: its database, Kafka prefix and Redis prefix, then `extra`. */
export function testServiceEnv(
  resources: { db: TestDatabase; kafka: TestKafka; redisPrefix: string },
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    DATABASE_URL: resources.db.appUrl,
    DATABASE_MIGRATION_URL: resources.db.ownerUrl,
    KAFKA_BROKERS: resources.kafka.settings.brokers.join(','),
    KAFKA_PREFIX: resources.kafka.prefix,
    KAFKA_CREATE_TOPICS: 'true',
    REDIS_URL: testInfrastructure.redisUrl,
    REDIS_PREFIX: resources.redisPrefix,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    ...extra,
  };
}

export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(testInfrastructure.redisUrl, { lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}
