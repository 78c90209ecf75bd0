import { runRespireService } from '@respire/runtime';
import { ReportingModule } from './reporting.module';
import { reportingEnvSchema } from './config/env.schema';
import { REPORTING_MIGRATIONS } from './infrastructure/migrations';
import { runRebuildCommand } from './read-models/rebuild/rebuild-command';

if ((process.env.ROLE ?? '').trim() === 'rebuild') {
  // Rebuild the read models by replaying the topics (see read-models/rebuild), then exit.
  void runRebuildCommand().then((code) => process.exit(code));
} else {
  void runRespireService({
    service: 'reporting',
    env: reportingEnvSchema,
    module: (config) => ReportingModule.forRoot(config),
    migrations: REPORTING_MIGRATIONS,
  });
}
