import { z } from 'zod';
import { trustProxySchema } from '../http/trust-proxy';
import { fromEnv, secret } from './env-var';

export const SERVICE_NAMES = [
  'web',
  'catalog',
  'registration',
  'notifications',
  'reporting',
  'identity',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const DEFAULT_PORTS: Readonly<Record<ServiceName, number>> = {
  web: 3000,
  catalog: 3001,
  registration: 3002,
  notifications: 3003,
  reporting: 3004,
  identity: 3005,
};

/** What a process runs; `migrate` migrates the service's database and exits. */
export const PROCESS_ROLES = ['http', 'consumer', 'worker', 'relay', 'migrate'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

/**
 * The roles each service needs running somewhere in a deployment, because some of its work happens
 * only there: `relay` publishes its outbox, `consumer` applies other services' events, `worker`
 * runs its timers (catalog completes past sessions; registration expires offers, promotes the
 * waitlist and closes attendance; notifications sends mail and reminders). A role left out of
 * every Deployment means that work silently never happens.
 */
export const REQUIRED_ROLES: Readonly<Record<ServiceName, readonly ProcessRole[]>> = {
  web: ['http'],
  catalog: ['http', 'consumer', 'relay', 'worker'],
  registration: ['http', 'consumer', 'relay', 'worker'],
  notifications: ['http', 'consumer', 'relay', 'worker'],
  reporting: ['http', 'consumer'],
  // identity keeps its copy of each CPTS's name (for the sign-in mail) from catalog's events.
  identity: ['http', 'consumer'],
};

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const TRUE_WORDS = ['1', 'true', 'yes', 'on'];
const FALSE_WORDS = ['0', 'false', 'no', 'off'];

/** `true/false`, `1/0`, `yes/no`, `on/off`, any case. */
export const booleanish = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => [...TRUE_WORDS, ...FALSE_WORDS].includes(value), {
    message: 'must be one of true/false, 1/0, yes/no, on/off',
  })
  .transform((value) => TRUE_WORDS.includes(value));

/** A comma-separated list, trimmed, empty items dropped. */
export function commaList<T extends z.ZodType<unknown, string>>(item: T) {
  return z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    )
    .pipe(z.array(item).min(1, 'must list at least one item'));
}

function urlWithProtocols(protocols: readonly string[]) {
  return z.url({
    protocol: new RegExp(`^(${protocols.join('|')})$`),
    error: `must be a ${protocols.join(' or ')} URL`,
  });
}

export const postgresUrl = urlWithProtocols(['postgres', 'postgresql']);
export const httpUrl = urlWithProtocols(['http', 'https']);
export const redisUrl = urlWithProtocols(['redis', 'rediss']);

const hostPort = z
  .string()
  .regex(/^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:]+\]:\d{1,5}$/, 'each broker must be host:port');

/**
 * What every service reads from its environment. Apps add their own keys with `.extend()`
 * (or `.safeExtend()` to override a key, e.g. to make DATABASE_URL required).
 */
export function platformEnvSchema(service: ServiceName, options: { verifiesTokens?: boolean } = {}) {
  const verifiesTokens = options.verifiesTokens ?? true;
  const prefix = service.toUpperCase();
  return z
    .object({
      NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
      PORT: z.coerce
        .number({ error: 'must be a port number (0-65535)' })
        .int('must be a port number (0-65535)')
        .min(0, 'must be a port number (0-65535)')
        .max(65535, 'must be a port number (0-65535)')
        .default(DEFAULT_PORTS[service]),
      DATABASE_URL: fromEnv([`${prefix}_DATABASE_URL`, 'DATABASE_URL'], postgresUrl.optional()),
      DATABASE_MIGRATION_URL: fromEnv(
        [
          `${prefix}_DATABASE_MIGRATION_URL`,
          'DATABASE_MIGRATION_URL',
          `${prefix}_DATABASE_URL`,
          'DATABASE_URL',
        ],
        postgresUrl.optional(),
      ),
      KAFKA_BROKERS: z.string().default('127.0.0.1:9092').pipe(commaList(hostPort)),
      KAFKA_PREFIX: z
        .string()
        .regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, ., _ and - only')
        .default(''),
      // Production topics come from the cluster's KafkaTopic resources; dev and CI create them.
      KAFKA_CREATE_TOPICS: z.string().default('true').pipe(booleanish),
      // Processed event ids are kept this long: longer than any copy of an event can be read
      // again (topic retention + segment roll, dead-letter replays; libs/messaging InboxPurger).
      INBOX_RETENTION_DAYS: z.coerce
        .number({ error: 'must be a whole number of days' })
        .int('must be a whole number of days')
        .min(
          15,
          'must be at least 15 days: longer than the topics keep events (7 days, plus up to 7 until their segment is deleted)',
        )
        .default(45),
      REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
      REDIS_PREFIX: z
        .string()
        .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')
        .default('respire'),
      SMTP_URL: urlWithProtocols(['smtp', 'smtps']).default('smtp://127.0.0.1:1025'),
      // The web app's origin: every link in participants' mails opens one of its pages.
      PUBLIC_BASE_URL: httpUrl.default(`http://127.0.0.1:${DEFAULT_PORTS.web}`),
      JWT_SECRET: secret(z.string().min(32, 'must be at least 32 characters').optional()),
      JWKS_URL: httpUrl.optional(),
      // The `iss` and `aud` claims a bearer token must carry (an operator's own OIDC provider may
      // use others than the built-in issuer's).
      JWT_ISSUER: z.string().min(1).default('respire'),
      JWT_AUDIENCE: z.string().min(1).default('respire-api'),
      PUBLIC_RATE_LIMIT: z.coerce
        .number({ error: 'must be a whole number of requests per minute (0 turns it off)' })
        .int('must be a whole number of requests per minute (0 turns it off)')
        .min(0)
        .default(60),
      // Which proxies' X-Forwarded-For is believed: false, true (one), a hop count, or addresses/CIDRs.
      TRUST_PROXY: trustProxySchema,
      LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
      ROLE: z
        .string()
        .default('http,consumer,relay,worker')
        .pipe(commaList(z.enum(PROCESS_ROLES))),
    })
    .refine((env) => !verifiesTokens || Boolean(env.JWT_SECRET || env.JWKS_URL), {
      path: ['JWT_SECRET'],
      message: 'set JWT_SECRET (at least 32 characters, dev/test) or JWKS_URL (production)',
      // Report it alongside the other variables' problems, not only once they are all fixed.
      when: () => true,
    });
}

export type PlatformEnv = z.output<ReturnType<typeof platformEnvSchema>>;
