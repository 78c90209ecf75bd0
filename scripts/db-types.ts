/**
 * The table types typed SQL (libs/tenancy `typedSql`) is checked against, generated from the real
 * schema: each service's own migrations run on a scratch database, kysely-codegen reads it.
 *
 *   npm run db:types             writes apps/<service>/src/infrastructure/database.ts
 *   npm run db:types -- --check  fails when a committed file is not what the migrations give (npm test)
 *
 * What every file would repeat is written once: kysely-codegen's column types come from
 * libs/tenancy/src/database/column-types.ts, and the outbox and inbox tables every service carries
 * are typed in libs/messaging/src/migrations/messaging-database.ts, generated from libs/messaging's
 * own migration. A service joins by adding a line to SERVICES. Needs PostgreSQL (`npm run infra:up`).
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
import { REGISTRATION_MIGRATIONS } from '../apps/registration/src/infrastructure/migrations';
import { REPORTING_MIGRATIONS } from '../apps/reporting/src/infrastructure/migrations';
import { MessagingTables1763900000000 } from '../libs/messaging/src/migrations/messaging-tables';
import { createTestDatabase } from '../libs/testing/src/test-database';

interface Service {
  name: string;
  /** The generated file, from the repository root. */
  file: string;
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
const SESSION_COPY = "import('../sessions/domain/session-copy')";
const REGISTRATION_STATUS = "import('../registrations/domain/registration-status')";

function serviceFile(name: string): string {
  return `apps/${name}/src/infrastructure/database.ts`;
}

const MESSAGING: Service = {
  name: 'libs/messaging',
  file: 'libs/messaging/src/migrations/messaging-database.ts',
  migrations: [MessagingTables1763900000000],
};
const COLUMN_TYPES = 'libs/tenancy/src/database/column-types.ts';
const REGISTRATION_COPY = "import('../registrations/domain/registration-copy')";

const SERVICES: Service[] = [
  {
    name: 'catalog',
    file: serviceFile('catalog'),
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
    file: serviceFile('identity'),
    migrations: IDENTITY_MIGRATIONS,
    columns: { 'staff.roles': "import('../staff/domain/staff-member').StaffRole[]" },
  },
  {
    name: 'registration',
    file: serviceFile('registration'),
    migrations: REGISTRATION_MIGRATIONS,
    columns: {
      'tenant_directory.waitlist_mode':
        "import('../tenants/domain/tenant-policy').TenantPolicy['waitlistMode']",
      'tenant_directory.payment_instructions': `${CONTRACTS}.PaymentInstructions | null`,
      'session.venue': `${SESSION_COPY}.Venue`,
      'session.status': `${SESSION_COPY}.SessionStatus`,
      'session.eligible_professions': `${CONTRACTS}.Profession[]`,
      'session.eligible_practice_modes': `${CONTRACTS}.PracticeMode[]`,
      'participant.profession': `${CONTRACTS}.Profession`,
      'participant.practice_mode': `${CONTRACTS}.PracticeMode`,
      'participant.consents': 'Record<string, unknown>',
      'registration.status': `${REGISTRATION_STATUS}.RegistrationStatus`,
      'registration.origin': "import('../registrations/domain/registration-view').RegistrationOrigin",
      'registration.confirmed_via': `${REGISTRATION_STATUS}.ConfirmedVia | null`,
      'registration.cancelled_by': `${REGISTRATION_STATUS}.CancelledBy | null`,
      'idempotency_key.response_body': 'unknown',
      'payment.method': `${CONTRACTS}.PaymentMethod`,
      'payment_history.change': "'recorded' | 'voided'",
      'payment_history.payment': 'Record<string, unknown>',
    },
  },
  {
    name: 'notifications',
    file: serviceFile('notifications'),
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
    file: serviceFile('reporting'),
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

/** A generated file's top-level declarations by name (kysely-codegen separates them by a blank line). */
function declarations(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const block of text.split(/\n\s*\n/)) {
    const name = /^export (?:type|interface) (\w+)/.exec(block.trim())?.[1];
    if (name) found.set(name, block.trim());
  }
  return found;
}

const sameCode = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/**
 * The text without the declarations `shared` holds, and the imports of those it still uses (from
 * `from`). A shared declaration must be the one kysely-codegen wrote: a newer kysely-codegen that
 * changes one fails here rather than drifting.
 */
function withoutShared(text: string, shared: Map<string, string>, from: string): [string, string[]] {
  const removed: string[] = [];
  for (const [name, block] of declarations(text)) {
    const own = shared.get(name);
    if (own === undefined || name === 'DB') continue;
    if (!sameCode(own, block)) throw new Error(`kysely-codegen's ${name} differs from the one in ${from}`);
    text = text.replace(block, '');
    removed.push(name);
  }
  const used = removed.filter((name) => new RegExp(`\\b${name}\\b`).test(text));
  return [text, used.length ? [`import type { ${used.join(', ')} } from '${from}';`] : []];
}

/** The file's text for the schema the service's migrations build. */
async function generated(service: Service, messagingTables: Map<string, string>): Promise<string> {
  const database = await createTestDatabase(service.migrations);
  const pool = new Pool({ connectionString: database.ownerUrl, max: 1 });
  const db = new Kysely<unknown>({ dialect: new KyselyPostgresDialect({ pool }) });
  try {
    let text = await generate({
      db,
      dialect: new PostgresDialect(),
      // TypeORM's own bookkeeping, not the service's.
      excludePattern: 'migrations',
      overrides: { columns: service.columns ?? {} },
      outFile: null,
      logger: undefined,
    });
    // The messaging tables first: the column types they alone use need no import.
    const imports: string[] = [];
    for (const [shared, from] of [
      [messagingTables, '@respire/messaging/migrations/messaging-database'],
      [
        declarations(await readFile(join(ROOT, COLUMN_TYPES), 'utf8')),
        '@respire/tenancy/database/column-types',
      ],
    ] as const) {
      const [rest, imported] = withoutShared(text, shared, from);
      text = rest;
      imports.unshift(...imported);
    }
    // kysely-codegen's own import served only the column types it defined.
    text = text.replace(/^import type \{ ColumnType \} from ['"]kysely['"];?$/m, '');
    if (/\bColumnType</.test(text)) imports.unshift("import type { ColumnType } from 'kysely';");
    text = text.replace(/(\*\/\n)/, `$1\n${imports.join('\n')}\n`);
    const header = `// Generated by scripts/db-types.ts from ${service.name}'s migrations (npm run db:types). Do not edit.\n`;
    const file = join(ROOT, service.file);
    return format(header + text, { ...(await resolveConfig(file)), filepath: file });
  } finally {
    await db.destroy();
    await database.drop();
  }
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  // libs/messaging's tables first: the services' files import them.
  let messagingTables = new Map<string, string>();
  for (const service of [MESSAGING, ...SERVICES]) {
    const text = await generated(service, messagingTables);
    if (service === MESSAGING) messagingTables = declarations(text);
    const file = join(ROOT, service.file);
    const committed = await readFile(file, 'utf8').catch(() => null);
    if (committed === text) continue;
    if (check) stale.push(service.file);
    else {
      await writeFile(file, text);
      console.log(`wrote ${service.file}`);
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
