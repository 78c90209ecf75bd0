import { runService } from '@respire/platform';
import { RegistrationModule } from './registration.module';
import { registrationEnvSchema } from './config/env.schema';

void runService({
  service: 'registration',
  env: registrationEnvSchema,
  module: (config) => RegistrationModule.forRoot(config),
});
