import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp, loadConfig } from '@respire/platform';
import {
  createTestKafka,
  freePort,
  TEST_JWT_SECRET,
  TestKafka,
  TestService,
  uniqueSuffix,
} from '@respire/testing';
import { startSmtpServer, SmtpTestServer } from '@respire/testing/smtp';
import { webEnvSchema, WebEnv } from '../../../apps/web/src/config/env.schema';
import { configureWebHttp } from '../../../apps/web/src/http/web-http';
import { WebModule } from '../../../apps/web/src/web.module';
import { seedDemo, SeedResult } from '../../../scripts/seed-demo';
import { waitUntilSessionsKnown } from '../../support/counts';
import { startService } from '../services';

/** The whole public side, in this process, on real PostgreSQL, Kafka, Redis and the SMTP test server. */
export interface WebSystem {
  /** The web origin (http://127.0.0.1:<port>): pages, links in mails, /v1 proxy. */
  readonly baseUrl: string;
  readonly web: NestFastifyApplication;
  readonly catalog: TestService<unknown>;
  readonly registration: TestService<unknown>;
  readonly notifications: TestService<unknown>;
  /** Started when asked for (survey pages). */
  readonly reporting: TestService<unknown> | null;
  readonly smtp: SmtpTestServer;
  readonly demo: SeedResult;
  close(): Promise<void>;
}

/**
 * Boots catalog, registration and notifications (their real modules, each with its own fresh
 * database, one Kafka prefix for this run, its own Redis prefix), the web app in front of them
 * on a port chosen first (the services' links must point at it), and seeds the demo programme
 * through catalog's API. Waits until registration and notifications know every published
 * session, so that a page can register at once.
 */
export async function startWebSystem(
  webEnv: Record<string, string> = {},
  options: { reporting?: boolean; notificationsEnv?: Record<string, string> } = {},
): Promise<WebSystem> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const smtp = await startSmtpServer();
  const kafka: TestKafka = await createTestKafka();
  const common = { PUBLIC_BASE_URL: baseUrl, PUBLIC_RATE_LIMIT: '0', TRUST_PROXY: 'true' };
  const catalog = await startService('catalog', kafka, common);
  const registration = await startService('registration', kafka, common);
  const notifications = await startService('notifications', kafka, {
    ...common,
    SMTP_URL: smtp.url,
    NOTIFICATIONS_SWEEP_INTERVAL_SECONDS: '2',
    ...options.notificationsEnv,
  });
  const reporting = options.reporting ? await startService('reporting', kafka, common) : null;
  const web = await startWebApp(port, { catalog, registration, notifications, reporting }, webEnv);
  const demo = await seedDemo({ catalogUrl: catalog.baseUrl, jwtSecret: TEST_JWT_SECRET });
  const published = demo.tenants.flatMap((t) =>
    t.sessions.filter((s) => s.status === 'published').map((s) => s.id),
  );
  await waitUntilSessionsKnown(
    {
      registration: await registration.db.dataSource('owner'),
      notifications: await notifications.db.dataSource('owner'),
    },
    published,
    90_000,
  );

  return {
    baseUrl,
    web,
    catalog,
    registration,
    notifications,
    reporting,
    smtp,
    demo,
    async close() {
      await web.close();
      for (const service of [reporting, notifications, registration, catalog]) await service?.close();
      await kafka.cleanup();
      await smtp.close();
    },
  };
}

/**
 * The web app in this process on `port`, in front of these services (a missing one is not
 * routed), with test settings: no rate limit, no catalogue cache, its own Redis prefix.
 */
export function startWebApp(
  port: number,
  upstream: {
    [
      K in 'catalog' | 'registration' | 'notifications' | 'reporting' | 'identity'
    ]?: TestService<unknown> | null;
  },
  env: Record<string, string> = {},
): Promise<NestFastifyApplication> {
  const urls = Object.fromEntries(
    Object.entries(upstream).flatMap(([name, service]) =>
      service ? [[`${name.toUpperCase()}_URL`, service.baseUrl]] : [],
    ),
  );
  const config: WebEnv = loadConfig(
    webEnvSchema,
    {
      NODE_ENV: 'test',
      JWT_SECRET: TEST_JWT_SECRET,
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      ...urls,
      REDIS_PREFIX: `test-web-${uniqueSuffix()}`,
      PUBLIC_RATE_LIMIT: '0',
      WEB_CATALOG_CACHE_SECONDS: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      ...env,
    },
    'web',
  );
  return createHttpApp(WebModule.forRoot(config), {
    service: 'web',
    kind: 'pages',
    port,
    host: '127.0.0.1',
    configure: (app) => configureWebHttp(app, config),
  });
}
