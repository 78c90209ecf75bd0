import { runRespireService } from '@respire/runtime';
import { ReportingModule } from './reporting.module';
import { reportingEnvSchema } from './config/env.schema';
import { REPORTING_MIGRATIONS } from './infrastructure/migrations';

void runRespireService({
  service: 'reporting',
  env: reportingEnvSchema,
  module: (config) => ReportingModule.forRoot(config),
  migrations: REPORTING_MIGRATIONS,
});
