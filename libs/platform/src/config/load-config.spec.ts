import { z } from 'zod';
import { ConfigError } from './config-error';
import { fromEnv, secret } from './env-var';
import { loadConfig } from './load-config';
import { platformEnvSchema, postgresUrl } from './platform-env.schema';
import { redactConfig } from './redact-config';

const JWT_SECRET = 'a-development-secret-of-at-least-32-chars';

function configErrorOf(work: () => unknown): ConfigError {
  try {
    work();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the defaults, with the port of the service', () => {
    const config = loadConfig(platformEnvSchema('registration'), { JWT_SECRET });

    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3002,
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: 'respire',
      PUBLIC_RATE_LIMIT: 60,
      TRUST_PROXY: { kind: 'none' },
      LOG_LEVEL: 'info',
      ROLE: ['http', 'consumer', 'relay', 'worker'],
      KAFKA_PREFIX: '',
      KAFKA_CREATE_TOPICS: true,
      INBOX_RETENTION_DAYS: 45,
    });
    expect(loadConfig(platformEnvSchema('reporting'), { JWT_SECRET }).PORT).toBe(3004);
  });

  it('parses lists, numbers and boolean-ish values', () => {
    const config = loadConfig(platformEnvSchema('catalog'), {
      JWT_SECRET,
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
      ROLE: 'worker',
      PUBLIC_RATE_LIMIT: '0',
      TRUST_PROXY: 'Yes',
      PORT: '8080',
    });

    expect(config).toMatchObject({
      KAFKA_BROKERS: ['kafka-1:9092', 'kafka-2:9092'],
      ROLE: ['worker'],
      PUBLIC_RATE_LIMIT: 0,
      TRUST_PROXY: { kind: 'hops', hops: 1 },
      PORT: 8080,
    });
  });

  it('prefers the service-specific database URL, and migrates with it unless told otherwise', () => {
    const env = {
      JWT_SECRET,
      DATABASE_URL: 'postgres://app@db/shared',
      CATALOG_DATABASE_URL: 'postgres://catalog_app@db/catalog',
    };

    expect(loadConfig(platformEnvSchema('catalog'), env)).toMatchObject({
      DATABASE_URL: 'postgres://catalog_app@db/catalog',
      DATABASE_MIGRATION_URL: 'postgres://catalog_app@db/catalog',
    });
    expect(loadConfig(platformEnvSchema('reporting'), env).DATABASE_URL).toBe('postgres://app@db/shared');
    expect(
      loadConfig(platformEnvSchema('catalog'), {
        ...env,
        DATABASE_MIGRATION_URL: 'postgres://owner@db/catalog',
      }).DATABASE_MIGRATION_URL,
    ).toBe('postgres://owner@db/catalog');
  });

  it('refuses an inbox retention shorter than the topics keep events', () => {
    const error = configErrorOf(() =>
      loadConfig(platformEnvSchema('catalog'), { JWT_SECRET, INBOX_RETENTION_DAYS: '7' }),
    );

    expect(error.message).toContain('INBOX_RETENTION_DAYS: must be at least 15 days');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(platformEnvSchema('catalog'), { JWT_SECRET, PORT: '' }).PORT).toBe(3001);
  });

  it('accepts JWKS_URL instead of JWT_SECRET', () => {
    const config = loadConfig(platformEnvSchema('catalog'), {
      JWKS_URL: 'https://auth.example.org/jwks.json',
    });

    expect(config.JWT_SECRET).toBeUndefined();
  });

  it('names every bad or missing variable in one error', () => {
    const error = configErrorOf(() =>
      loadConfig(
        platformEnvSchema('catalog'),
        {
          PORT: 'eighty',
          CATALOG_DATABASE_URL: 'mysql://root@db/catalog',
          KAFKA_BROKERS: 'kafka-without-port',
          ROLE: 'http,cron',
          TRUST_PROXY: 'maybe',
        },
        'catalog',
      ),
    );

    expect(error.issues.map((issue) => issue.variable).sort()).toEqual([
      'CATALOG_DATABASE_URL',
      'JWT_SECRET',
      'KAFKA_BROKERS',
      'PORT',
      'ROLE',
      'TRUST_PROXY',
    ]);
    expect(error.message).toMatch(/^Invalid environment for catalog \(6 problems\):/);
    expect(error.message).toContain(
      'JWT_SECRET: set JWT_SECRET (at least 32 characters, dev/test) or JWKS_URL',
    );
    expect(error.message).toContain('CATALOG_DATABASE_URL: must be a postgres or postgresql URL');
    expect(error.message).toContain('PORT: must be a port number');
    expect(error.message).toContain('KAFKA_BROKERS: each broker must be host:port');
    expect(error.message).toContain('TRUST_PROXY: must be false, true (one proxy), a number of proxy hops');
  });

  it('says a required variable is not set, naming each name it may have', () => {
    const schema = platformEnvSchema('catalog').safeExtend({
      DATABASE_URL: fromEnv(['CATALOG_DATABASE_URL', 'DATABASE_URL'], postgresUrl),
      SMTP_URL: z.string(),
    });

    const error = configErrorOf(() => loadConfig(schema, { JWT_SECRET }));

    expect(error.message).toContain('CATALOG_DATABASE_URL or DATABASE_URL: is required but not set');
  });

  it('never prints the value of a secret', () => {
    const error = configErrorOf(() =>
      loadConfig(platformEnvSchema('catalog'), { JWT_SECRET: 'hunter2-too-short' }),
    );

    expect(error.message).toContain('JWT_SECRET: must be at least 32 characters');
    expect(error.message).not.toContain('hunter2');
  });

  it('lets an app add its own variables', () => {
    const schema = platformEnvSchema('notifications').extend({
      DIGEST_HOUR: z.coerce.number().int().default(7),
    });

    expect(loadConfig(schema, { JWT_SECRET }).DIGEST_HOUR).toBe(7);
  });
});

describe('redactConfig', () => {
  it('masks secrets and passwords inside URLs, and nothing else', () => {
    const schema = platformEnvSchema('catalog').extend({ API_KEY: secret(z.string()) });
    const config = loadConfig(schema, {
      JWT_SECRET,
      API_KEY: 'key-123',
      DATABASE_URL: 'postgres://catalog_app:s3cret@db:5432/catalog',
      REDIS_URL: 'redis://:redis-pass@cache:6379',
    });

    const shown = JSON.stringify(redactConfig(schema, config));

    for (const value of [JWT_SECRET, 'key-123', 's3cret', 'redis-pass']) expect(shown).not.toContain(value);
    expect(shown).toContain('postgres://catalog_app:***@db:5432/catalog');
    expect(shown).toContain('"REDIS_PREFIX":"respire"');
  });
});
