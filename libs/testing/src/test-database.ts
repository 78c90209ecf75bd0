import { Client } from 'pg';
import { DataSource, MigrationInterface, MixedList, QueryRunner } from 'typeorm';
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

/** A step of a test migration: SQL text, or what needs the query runner (a helper of the library under test). */
export type TestMigrationStep = string | ((queryRunner: QueryRunner) => Promise<unknown>);

/**
 * A test file's own tables as a migration: `up` runs the steps in order, `down` is the SQL that
 * removes them. `name` ends in a 13-digit timestamp, as TypeORM asks of every migration.
 */
export function testMigration(
  name: string,
  up: TestMigrationStep[],
  down: string,
): new () => MigrationInterface {
  return class implements MigrationInterface {
    name = name;
    async up(queryRunner: QueryRunner): Promise<void> {
      for (const step of up) {
        if (typeof step === 'string') await queryRunner.query(step);
        else await step(queryRunner);
      }
    }
    async down(queryRunner: QueryRunner): Promise<void> {
      await queryRunner.query(down);
    }
  };
}

/** A test file's database and a data source as each role, from `useTestDatabase`. */
export interface UsedTestDatabase {
  readonly database: TestDatabase;
  /** The role the services use, under row-level security. */
  readonly app: DataSource;
  readonly owner: DataSource;
}

/**
 * A test file's database (`createTestDatabase`): created in the file's `beforeAll`, dropped in its
 * `afterAll`. Its members are there once that `beforeAll` ran (inside tests and later hooks).
 */
export function useTestDatabase(
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>,
): UsedTestDatabase {
  let used: UsedTestDatabase | undefined;
  beforeAll(async () => {
    const database = await createTestDatabase(migrations);
    used = { database, app: await database.dataSource('app'), owner: await database.dataSource('owner') };
  });
  afterAll(() => used?.database.drop());
  return {
    get database() {
      return used!.database;
    },
    get app() {
      return used!.app;
    },
    get owner() {
      return used!.owner;
    },
  };
}
