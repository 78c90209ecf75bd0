import { z } from 'zod';
import { commaList, httpUrl, LOG_LEVELS, redisUrl, secret, trustProxySchema } from '@respire/platform';

const upstream = (port: number) => httpUrl.default(`http://127.0.0.1:${port}`);

/**
 * The web app's environment. It has no database and no Kafka: it renders pages from the
 * services' public JSON routes and proxies /v1 to them. Redis holds the rate limiter's counts.
 */
export const webEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number({ error: 'must be a port number (0-65535)' }).int().min(0).max(65535).default(3000),
    ROLE: z
      .string()
      .default('http')
      .pipe(commaList(z.enum(['http']))),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    // The origin people open (https://respire.example.org): the services' links point here too.
    PUBLIC_BASE_URL: httpUrl.default('http://127.0.0.1:3000'),
    // Where each service answers, inside the cluster (the /v1 proxy and the pages call them).
    CATALOG_URL: upstream(3001),
    REGISTRATION_URL: upstream(3002),
    NOTIFICATIONS_URL: upstream(3003),
    REPORTING_URL: upstream(3004),
    IDENTITY_URL: upstream(3005),
    // The back office's built files (npm run backoffice:build), served under /app. Default:
    // dist/backoffice beside the built apps.
    WEB_BACKOFFICE_DIR: z.string().min(1).optional(),
    REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only')
      .default('respire'),
    PUBLIC_RATE_LIMIT: z.coerce
      .number({ error: 'must be a whole number of requests per minute (0 turns it off)' })
      .int()
      .min(0)
      .default(60),
    // The proxies in front (the Ingress: 1); the client address is forwarded to the services.
    TRUST_PROXY: trustProxySchema,
    // Signs the forms' anti-forgery tokens. Falls back to JWT_SECRET outside production.
    WEB_FORM_SECRET: secret(z.string().min(32, 'must be at least 32 characters').optional()),
    JWT_SECRET: secret(z.string().min(32, 'must be at least 32 characters').optional()),
    // How long a programme or a CPTS's settings read from catalog are reused (seconds; 0: never).
    WEB_CATALOG_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
  })
  .refine((env) => env.NODE_ENV !== 'production' || Boolean(env.WEB_FORM_SECRET), {
    path: ['WEB_FORM_SECRET'],
    message: 'is required in production (at least 32 characters)',
    when: () => true,
  })
  .refine((env) => Boolean(env.WEB_FORM_SECRET || env.JWT_SECRET), {
    path: ['WEB_FORM_SECRET'],
    message: 'set WEB_FORM_SECRET (or JWT_SECRET outside production)',
    when: () => true,
  });

export type WebEnv = z.output<typeof webEnvSchema>;

export const WEB_CONFIG = Symbol('WEB_CONFIG');

export function formSecretOf(config: WebEnv): string {
  return (config.WEB_FORM_SECRET ?? config.JWT_SECRET)!;
}

/** The upstream services the web app calls, by name. */
export type UpstreamName = 'catalog' | 'registration' | 'notifications' | 'reporting' | 'identity';

export function upstreamUrls(config: WebEnv): Record<UpstreamName, string> {
  return {
    catalog: config.CATALOG_URL,
    registration: config.REGISTRATION_URL,
    notifications: config.NOTIFICATIONS_URL,
    reporting: config.REPORTING_URL,
    identity: config.IDENTITY_URL,
  };
}
