import { startTestService, TestService } from '@respire/testing';
import { NotificationsEnv, notificationsEnvSchema } from '../src/config/env.schema';
import { NOTIFICATIONS_MIGRATIONS } from '../src/infrastructure/migrations';
import { NotificationsModule } from '../src/notifications.module';

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
