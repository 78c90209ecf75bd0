import { ConfigError, loadConfig } from '@respire/platform';
import { consoleLog } from '@respire/messaging';
import { reportingEnvSchema } from '../../config/env.schema';
import { rebuildReadModels } from './rebuild-read-models';

/**
 * `ROLE=rebuild node dist/apps/reporting/main.js`: rebuilds the read models from the start of
 * the topics into a new generation and switches the live service over when caught up; exits 0
 * when switched, 1 otherwise (the live generation is then untouched). Needs the owner's
 * DATABASE_MIGRATION_URL (it creates and drops tables) besides the usual variables.
 */
export async function runRebuildCommand(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let config;
  try {
    config = loadConfig(reportingEnvSchema, { ...env, ROLE: 'consumer' }, 'reporting');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  if (!config.DATABASE_URL || !config.DATABASE_MIGRATION_URL) {
    process.stderr.write('reporting: DATABASE_URL and DATABASE_MIGRATION_URL are required to rebuild\n');
    return 1;
  }
  try {
    const result = await rebuildReadModels({
      ownerUrl: config.DATABASE_MIGRATION_URL,
      appUrl: config.DATABASE_URL,
      brokers: config.KAFKA_BROKERS,
      prefix: config.KAFKA_PREFIX,
      maxLag: config.REPORTING_REBUILD_MAX_LAG,
      timeoutMs: config.REPORTING_REBUILD_TIMEOUT_MS,
      log: consoleLog,
    });
    process.stdout.write(
      JSON.stringify({ level: 'info', service: 'reporting', msg: 'read models rebuilt', ...result }) + '\n',
    );
    return 0;
  } catch (error) {
    process.stderr.write(
      JSON.stringify({
        level: 'error',
        service: 'reporting',
        msg: 'read-model rebuild failed',
        error: (error as Error).message,
      }) + '\n',
    );
    return 1;
  }
}
