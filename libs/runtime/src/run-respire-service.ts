import { DynamicModule, Type } from '@nestjs/common';
import { MixedList } from 'typeorm';
import { z } from 'zod';
import { ConfigError, loadConfig, PlatformEnv, runService, ServiceName } from '@respire/platform';
import { migrateServiceDatabase } from '@respire/tenancy';

export interface RespireServiceDefinition<S extends z.ZodObject> {
  service: ServiceName;
  env: S;
  module: (config: z.output<S>) => Type<unknown> | DynamicModule;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

/**
 * A service's main. `ROLE=migrate` migrates its database as the owner (DATABASE_MIGRATION_URL),
 * grants the app role, and exits: the Kubernetes migration Job and `npm start` run it first.
 * Any other role boots the service.
 */
export async function runRespireService<S extends z.ZodObject>(
  definition: RespireServiceDefinition<S>,
): Promise<void> {
  if (!(process.env.ROLE ?? '').split(',').includes('migrate')) return runService(definition);
  let config: PlatformEnv;
  try {
    config = loadConfig(definition.env, process.env, definition.service) as unknown as PlatformEnv;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  if (!config.DATABASE_URL || !config.DATABASE_MIGRATION_URL) {
    process.stderr.write(`${definition.service}: DATABASE_URL is required to migrate\n`);
    process.exit(1);
  }
  try {
    const applied = await migrateServiceDatabase({
      migrationUrl: config.DATABASE_MIGRATION_URL,
      appUrl: config.DATABASE_URL,
      migrations: definition.migrations,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    process.stdout.write(
      JSON.stringify({ level: 'info', service: definition.service, msg: 'migrated', applied }) + '\n',
    );
    process.exit(0);
  } catch (error) {
    process.stderr.write(`${definition.service}: migration failed: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
