import { runRespireService } from '@respire/runtime';
import { RegistrationModule } from './registration.module';
import { registrationEnvSchema } from './config/env.schema';
import { REGISTRATION_MIGRATIONS } from './infrastructure/migrations';

void runRespireService({
  service: 'registration',
  env: registrationEnvSchema,
  module: (config) => RegistrationModule.forRoot(config),
  migrations: REGISTRATION_MIGRATIONS,
});
