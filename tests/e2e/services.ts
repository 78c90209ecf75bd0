import { CatalogModule } from '../../apps/catalog/src/catalog.module';
import { catalogEnvSchema } from '../../apps/catalog/src/config/env.schema';
import { CATALOG_MIGRATIONS } from '../../apps/catalog/src/infrastructure/migrations';
import { notificationsEnvSchema } from '../../apps/notifications/src/config/env.schema';
import { NOTIFICATIONS_MIGRATIONS } from '../../apps/notifications/src/infrastructure/migrations';
import { NotificationsModule } from '../../apps/notifications/src/notifications.module';
import { registrationEnvSchema } from '../../apps/registration/src/config/env.schema';
import { REGISTRATION_MIGRATIONS } from '../../apps/registration/src/infrastructure/migrations';
import { RegistrationModule } from '../../apps/registration/src/registration.module';
import { reportingEnvSchema } from '../../apps/reporting/src/config/env.schema';
import { REPORTING_MIGRATIONS } from '../../apps/reporting/src/infrastructure/migrations';
import { ReportingModule } from '../../apps/reporting/src/reporting.module';
import { identityEnvSchema } from '../../apps/identity/src/config/env.schema';
import { IDENTITY_MIGRATIONS } from '../../apps/identity/src/infrastructure/migrations';
import { IdentityModule } from '../../apps/identity/src/identity.module';
import { startTestService, TestKafka } from '@respire/testing';

/** How each service boots in end-to-end tests: its real module, env schema and migrations. */
export const serviceDefinitions = {
  catalog: {
    service: 'catalog',
    env: catalogEnvSchema,
    module: CatalogModule.forRoot,
    migrations: CATALOG_MIGRATIONS,
  },
  registration: {
    service: 'registration',
    env: registrationEnvSchema,
    module: RegistrationModule.forRoot,
    migrations: REGISTRATION_MIGRATIONS,
  },
  notifications: {
    service: 'notifications',
    env: notificationsEnvSchema,
    module: NotificationsModule.forRoot,
    migrations: NOTIFICATIONS_MIGRATIONS,
  },
  reporting: {
    service: 'reporting',
    env: reportingEnvSchema,
    module: ReportingModule.forRoot,
    migrations: REPORTING_MIGRATIONS,
  },
  identity: {
    service: 'identity',
    env: identityEnvSchema,
    module: IdentityModule.forRoot,
    migrations: IDENTITY_MIGRATIONS,
  },
} as const;

export type ServiceKey = keyof typeof serviceDefinitions;

export function startService(key: ServiceKey, kafka: TestKafka, extraEnv: Record<string, string> = {}) {
  const definition = serviceDefinitions[key];
  return startTestService({
    ...definition,
    module: (config) => definition.module(config as never),
    kafka,
    extraEnv,
  } as Parameters<typeof startTestService>[0]);
}
