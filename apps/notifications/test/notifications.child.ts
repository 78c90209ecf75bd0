/**
 * The notifications service as its own process, booted exactly as main.ts boots it, with the
 * environment the test passes: the crash test kills it with SIGKILL and starts it again.
 */
import { runRespireService } from '@respire/runtime';
import { notificationsEnvSchema } from '../src/config/env.schema';
import { NOTIFICATIONS_MIGRATIONS } from '../src/infrastructure/migrations';
import { NotificationsModule } from '../src/notifications.module';

void runRespireService({
  service: 'notifications',
  env: notificationsEnvSchema,
  module: (config) => NotificationsModule.forRoot(config),
  migrations: NOTIFICATIONS_MIGRATIONS,
});
