import { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  createTestKafka,
  freePort,
  TEST_JWT_SECRET,
  TestKafka,
  TestService,
  uniqueSuffix,
} from '@respire/testing';
import { startSmtpServer, SmtpTestServer } from '@respire/testing/smtp';
import { createHttpApp, loadConfig } from '@respire/platform';
import { webEnvSchema, WebEnv } from '../../apps/web/src/config/env.schema';
import { configureWebHttp } from '../../apps/web/src/http/web-http';
import { WebModule } from '../../apps/web/src/web.module';
import { ServiceKey, startService } from './services';

/** What every started system shows a test: the public side's services behind the web origin. */
export interface RunningSystem {
  /** The web origin (http://127.0.0.1:<port>): pages, links in mails, /v1 proxy. */
  readonly baseUrl: string;
  readonly web: NestFastifyApplication;
  readonly catalog: TestService<unknown>;
  readonly registration: TestService<unknown>;
  readonly notifications: TestService<unknown>;
  readonly smtp: SmtpTestServer;
  close(): Promise<void>;
}

/**
 * Services of one end-to-end test, in this process, behind one web origin whose port is chosen
 * first (the services' links must point at it): one Kafka prefix, the SMTP test server, test
 * settings (no rate limit, the web app as trusted proxy). Start the services in the order they
 * depend on each other, then the web app in front of them; close() stops all in reverse.
 */
export class SystemUnderTest {
  private readonly started = new Map<ServiceKey, TestService<unknown>>();
  private web: NestFastifyApplication | null = null;

  private constructor(
    private readonly port: number,
    readonly smtp: SmtpTestServer,
    private readonly kafka: TestKafka,
  ) {}

  static async open(): Promise<SystemUnderTest> {
    return new SystemUnderTest(await freePort(), await startSmtpServer(), await createTestKafka());
  }

  /** The web origin (http://127.0.0.1:<port>): pages, links in mails, /v1 proxy. */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(key: ServiceKey, env: Record<string, string> = {}): Promise<TestService<unknown>> {
    const service = await startService(key, this.kafka, {
      PUBLIC_BASE_URL: this.baseUrl,
      PUBLIC_RATE_LIMIT: '0',
      TRUST_PROXY: 'true',
      ...env,
    });
    this.started.set(key, service);
    return service;
  }

  /** The web app in front of every service started so far. */
  async startWeb(env: Record<string, string> = {}): Promise<NestFastifyApplication> {
    this.web = await startWebApp(this.port, this.started, env);
    return this.web;
  }

  async close(): Promise<void> {
    await this.web?.close();
    for (const service of [...this.started.values()].reverse()) await service.close();
    await this.kafka.cleanup();
    await this.smtp.close();
  }
}

/**
 * The web app in this process on `port`, in front of these services (a missing one is not
 * routed), with test settings: no rate limit, no catalogue cache, its own Redis prefix.
 */
function startWebApp(
  port: number,
  upstream: Map<ServiceKey, TestService<unknown>>,
  env: Record<string, string>,
): Promise<NestFastifyApplication> {
  const urls = Object.fromEntries(
    [...upstream].map(([name, service]) => [`${name.toUpperCase()}_URL`, service.baseUrl]),
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
