import { Client } from 'pg';
import { DataSource, MixedList } from 'typeorm';
import { ensureAppRole } from '../app-role';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Classes = MixedList<Function | string>;

/** TypeORM options for a service: migrations only, never `synchronize`. */
export function serviceDataSourceOptions(url: string, entities: Classes, poolSize = 10) {
  return {
    type: 'postgres' as const,
    url,
    entities,
    synchronize: false,
    migrationsRun: false,
    extra: { max: poolSize },
  };
}

/**
 * Migrates a service's database as its owner, then grants the role the service connects as
 * (the user in its DATABASE_URL) the data access row-level security then narrows.
 */
export async function migrateServiceDatabase(options: {
  migrationUrl: string;
  appUrl: string;
  migrations: Classes;
  log?: (line: string) => void;
}): Promise<string[]> {
  const migrator = new DataSource({
    type: 'postgres',
    url: options.migrationUrl,
    migrations: options.migrations,
    migrationsTransactionMode: 'each',
  });
  await migrator.initialize();
  try {
    const applied = await migrator.runMigrations();
    const appRole = decodeURIComponent(new URL(options.appUrl).username);
    const owner = decodeURIComponent(new URL(options.migrationUrl).username);
    if (appRole && appRole !== owner) await ensureAppRole(options.migrationUrl, appRole);
    else
      options.log?.(
        'warning: the service connects as the migration owner; row-level security needs a separate role',
      );
    return applied.map((m) => m.name);
  } finally {
    await migrator.destroy();
  }
}

/** Creates a database if missing (local runs; in production the platform team provisions them). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid database name: ${name}`);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created concurrently
      });
    }
  } finally {
    await client.end();
  }
}
