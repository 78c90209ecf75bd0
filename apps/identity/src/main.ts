import { runRespireService } from '@respire/runtime';
import { identityEnvSchema } from './config/env.schema';
import { IDENTITY_MIGRATIONS } from './infrastructure/migrations';
import { IdentityModule } from './identity.module';

void runRespireService({
  service: 'identity',
  env: identityEnvSchema,
  module: (config) => IdentityModule.forRoot(config),
  migrations: IDENTITY_MIGRATIONS,
});
