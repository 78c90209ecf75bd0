import { runService } from '@respire/platform';
import { ReportingModule } from './reporting.module';
import { reportingEnvSchema } from './config/env.schema';

void runService({
  service: 'reporting',
  env: reportingEnvSchema,
  module: (config) => ReportingModule.forRoot(config),
});
