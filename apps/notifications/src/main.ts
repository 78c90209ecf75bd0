import { runService } from '@respire/platform';
import { NotificationsModule } from './notifications.module';
import { notificationsEnvSchema } from './config/env.schema';

void runService({
  service: 'notifications',
  env: notificationsEnvSchema,
  module: (config) => NotificationsModule.forRoot(config),
});
