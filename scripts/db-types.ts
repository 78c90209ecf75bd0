/**
 * The table types typed SQL (libs/tenancy `typedSql`) is checked against, generated from the real
 * schema: each service's own migrations run on a scratch database, kysely-codegen reads it.
 *
 *   npm run db:types             writes apps/<service>/src/infrastructure/database.ts
 *   npm run db:types -- --check  fails when a committed file is not what the migrations give (npm test)
 *
 * A service joins by adding a line to SERVICES. Needs PostgreSQL (`npm run infra:up`).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Kysely, PostgresDialect as KyselyPostgresDialect } from 'kysely';
import { generate, PostgresDialect } from 'kysely-codegen';
import { Pool } from 'pg';
import { format, resolveConfig } from 'prettier';
import { MixedList } from 'typeorm';
import { CATALOG_MIGRATIONS } from '../apps/catalog/src/infrastructure/migrations';
import { IDENTITY_MIGRATIONS } from '../apps/identity/src/infrastructure/migrations';
import { NOTIFICATIONS_MIGRATIONS } from '../apps/notifications/src/infrastructure/migrations';
import { REPORTING_MIGRATIONS } from '../apps/reporting/src/infrastructure/migrations';
import { createTestDatabase } from '../libs/testing/src/test-database';

interface Service {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /**
   * `table.column` → the TypeScript type its values have where the schema says less: jsonb
   * documents and text columns that a CHECK constraint narrows. Paths are from the generated file.
   */
  columns?: Record<string, string>;
}

const TENANT_SETTINGS = "import('../tenants/domain/tenant-settings').TenantSettings";
const CONTRACTS = "import('@respire/contracts')";
const REGISTRATION_COPY = "import('../registrations/domain/registration-copy')";
const SESSION_COPY = "import('../sessions/domain/session-copy')";

const SERVICES: Service[] = [
  {
    name: 'catalog',
    migrations: CATALOG_MIGRATIONS,
    columns: {
      'tenants.branding': `${TENANT_SETTINGS}['branding']`,
      'tenants.listening_lines': `${TENANT_SETTINGS}['listeningLines']`,
      'tenants.region': `NonNullable<${TENANT_SETTINGS}['region']> | null`,
      'tenants.retention': `NonNullable<${TENANT_SETTINGS}['retention']> | null`,
      'tenants.payment_instructions': `${TENANT_SETTINGS}['paymentInstructions'] | null`,
      'tenants.waitlist_mode': `${TENANT_SETTINGS}['waitlist']['mode']`,
      'sessions.status': "import('../sessions/domain/session').SessionStatus",
      'sessions.eligible_professions': `${CONTRACTS}.Profession[]`,
      'sessions.eligible_practice_modes': `${CONTRACTS}.PracticeMode[]`,
    },
  },
  {
    name: 'identity',
    migrations: IDENTITY_MIGRATIONS,
    columns: { 'staff.roles': "import('../staff/domain/staff-member').StaffRole[]" },
  },
  {
    name: 'notifications',
    migrations: NOTIFICATIONS_MIGRATIONS,
    columns: {
      'session_message.audience': "import('../session-messages/domain/session-message').Audience[]",
      'programme_survey.wave': "'before' | 'after' | null",
      'session_alert.status': "import('../alerts/infrastructure/alert.repository').AlertStatus",
      'alert_batch.status': "import('../alerts/infrastructure/alert.repository').BatchStatus",
      'registration.status': `${REGISTRATION_COPY}.RegistrationStatus`,
      'registration.links': `Generated<${REGISTRATION_COPY}.ParticipantLinks>`,
      'session.status': `${SESSION_COPY}.SessionStatus`,
      'session.venue': `${SESSION_COPY}.Venue`,
      'tenant_directory.branding': `Generated<${TENANT_SETTINGS}['branding']>`,
      'tenant_directory.listening_lines': `${TENANT_SETTINGS}['listeningLines'] | null`,
      'tenant_directory.payment_instructions': `${TENANT_SETTINGS}['paymentInstructions'] | null`,
    },
  },
  {
    // The read models' tables are per generation (rpt_g<N>_…): the types are generation 1's, the one
    // the migrations make; every generation is built by the same DDL (see db.ts `readModel`).
    name: 'reporting',
    migrations: REPORTING_MIGRATIONS,
    columns: {
      'survey.content': "import('../surveys/domain/survey-definition').SurveyContent",
      'survey.status': "import('../surveys/domain/survey').SurveyStatus",
      'survey.wave': "import('../surveys/domain/survey-definition').SurveyWave | null",
      'survey_response.answers': "import('../surveys/domain/survey-response').SurveyAnswers['answers']",
      'survey_response.profile': "import('../surveys/domain/survey-response').SurveyAnswers['profile']",
    },
  },
];

const ROOT = join(__dirname, '..');

function outFile(service: Service): string {
  return join(ROOT, 'apps', service.name, 'src', 'infrastructure', 'database.ts');
}

/** The file's text for the schema the service's migrations build. */
async function generated(service: Service): Promise<string> {
  const database = await createTestDatabase(service.migrations);
  const pool = new Pool({ connectionString: database.ownerUrl, max: 1 });
  const db = new Kysely<unknown>({ dialect: new KyselyPostgresDialect({ pool }) });
  try {
    const text = await generate({
      db,
      dialect: new PostgresDialect(),
      // TypeORM's own bookkeeping, not the service's.
      excludePattern: 'migrations',
      overrides: { columns: service.columns ?? {} },
      outFile: null,
      logger: undefined,
    });
    const header = `// Generated by scripts/db-types.ts from ${service.name}'s migrations (npm run db:types). Do not edit.\n`;
    const file = outFile(service);
    return format(header + text, { ...(await resolveConfig(file)), filepath: file });
  } finally {
    await db.destroy();
    await database.drop();
  }
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const service of SERVICES) {
    const text = await generated(service);
    const file = outFile(service);
    const committed = await readFile(file, 'utf8').catch(() => null);
    if (committed === text) continue;
    if (check) stale.push(file.slice(ROOT.length + 1));
    else {
      await writeFile(file, text);
      console.log(`wrote ${file.slice(ROOT.length + 1)}`);
    }
  }
  if (stale.length) {
    console.error(`Table types differ from the migrations: ${stale.join(', ')}. Run \`npm run db:types\`.`);
    process.exit(1);
  }
  if (check) console.log('Table types are what the migrations give.');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
