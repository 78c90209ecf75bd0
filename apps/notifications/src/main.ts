import { runRespireService } from '@respire/runtime';
import { NotificationsModule } from './notifications.module';
import { notificationsEnvSchema } from './config/env.schema';
import { NOTIFICATIONS_MIGRATIONS } from './infrastructure/migrations';

void runRespireService({
  service: 'notifications',
  env: notificationsEnvSchema,
  module: (config) => NotificationsModule.forRoot(config),
  migrations: NOTIFICATIONS_MIGRATIONS,
});
