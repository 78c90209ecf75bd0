import { Client } from 'pg';
import { DataSource, MixedList } from 'typeorm';
import { migrateServiceDatabase } from '@respire/tenancy';
import { testInfrastructure, uniqueSuffix } from './infrastructure';

export interface TestDatabase {
  readonly name: string;
  /** Owner (migrations, fixtures that must bypass row-level security). */
  readonly ownerUrl: string;
  /** The role the services use: no ownership, no BYPASSRLS. */
  readonly appUrl: string;
  dataSource(as?: 'app' | 'owner'): Promise<DataSource>;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string, user?: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  if (user) {
    parsed.username = user;
    parsed.password = '';
  }
  return parsed.toString();
}

/**
 * A fresh database for one test file: created, migrated as the owner, the app role granted.
 * `drop()` closes the data sources it handed out and removes the database.
 */
export async function createTestDatabase(
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>,
  { adminUrl = testInfrastructure.postgresAdminUrl }: { adminUrl?: string } = {},
): Promise<TestDatabase> {
  const name = `respire_test_${uniqueSuffix()}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const ownerUrl = withDatabase(adminUrl, name);
  const appUrl = withDatabase(adminUrl, name, testInfrastructure.appRole);

  await migrateServiceDatabase({ migrationUrl: ownerUrl, appUrl, migrations });

  const opened: DataSource[] = [];
  return {
    name,
    ownerUrl,
    appUrl,
    async dataSource(as = 'app') {
      const ds = new DataSource({
        type: 'postgres',
        url: as === 'app' ? appUrl : ownerUrl,
        extra: { max: 10 },
      });
      await ds.initialize();
      opened.push(ds);
      return ds;
    },
    async drop() {
      await Promise.all(opened.map((ds) => (ds.isInitialized ? ds.destroy() : undefined)));
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
