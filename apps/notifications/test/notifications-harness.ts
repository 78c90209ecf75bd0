import { DataSource } from 'typeorm';
import { MessageProducer } from '@respire/messaging';
import { startTestService, TestService } from '@respire/testing';
import { startSmtpServer, SmtpTestServer } from '@respire/testing/smtp';
import { NotificationsEnv, notificationsEnvSchema } from '../src/config/env.schema';
import { NOTIFICATIONS_MIGRATIONS } from '../src/infrastructure/migrations';
import { NotificationsModule } from '../src/notifications.module';
import { publisher } from './fixtures';

/** Where the mailed links of these tests point. */
export const PUBLIC_BASE_URL = 'https://respire.example.org';

/** The real notifications service on its own database, Kafka topics and Redis prefix, mailing through `smtpUrl`. */
export function startNotifications(
  smtpUrl: string,
  extraEnv: Record<string, string> = {},
): Promise<TestService<NotificationsEnv>> {
  return startTestService({
    service: 'notifications',
    env: notificationsEnvSchema,
    module: NotificationsModule.forRoot,
    migrations: NOTIFICATIONS_MIGRATIONS,
    extraEnv: { SMTP_URL: smtpUrl, PUBLIC_BASE_URL, ...extraEnv },
  });
}

/**
 * What a spec drives the service with: the service mailing to a test SMTP server, events
 * published to its topics, and its database as the owner (no row-level security) to look at.
 * `start` in `beforeAll`, `close` in `afterAll`.
 */
export class NotificationsUnderTest {
  smtp!: SmtpTestServer;
  service!: TestService<NotificationsEnv>;
  publish!: ReturnType<typeof publisher>;
  db!: DataSource;
  private producer?: MessageProducer;

  async start(extraEnv: Record<string, string> = {}): Promise<void> {
    this.smtp = await startSmtpServer();
    this.service = await startNotifications(this.smtp.url, extraEnv);
    this.producer = new MessageProducer(this.service.kafka.settings);
    this.publish = publisher(this.producer, this.service.kafka.prefix);
    this.db = await this.service.db.dataSource('owner');
  }

  async close(): Promise<void> {
    await this.producer?.close();
    await this.service?.close();
    await this.smtp?.close();
  }
}
