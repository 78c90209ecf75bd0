/**
 * Prints a JWT for trying the API:
 *   npm run token -- --tenant capacites-besancon --role coordinator
 *   npm run token -- --role platform-admin
 * The tenant may be given by slug (looked up in the catalog database) or by id.
 * Signed with JWT_SECRET (the development default unless set).
 */
import { Client } from 'pg';
import { mintToken, Role, ALL_ROLES } from '../libs/tenancy/src';
import { DEV_JWT_SECRET, devDatabaseUrl } from './dev-env';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function tenantIdFor(tenant: string): Promise<string> {
  if (/^[0-9a-f-]{36}$/i.test(tenant)) return tenant;
  const client = new Client({ connectionString: process.env.CATALOG_DATABASE_URL ?? devDatabaseUrl('catalog') });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT id FROM tenants WHERE slug = $1`, [tenant]);
    if (rows.length === 0) throw new Error(`No tenant with slug "${tenant}" (is the demo seeded? npm start)`);
    return rows[0].id;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const role = arg('role') as Role | undefined;
  const tenant = arg('tenant');
  if (!role || !ALL_ROLES.includes(role)) throw new Error(`--role must be one of: ${ALL_ROLES.join(', ')}`);
  if (role !== Role.PlatformAdmin && !tenant) throw new Error(`--role ${role} needs --tenant SLUG`);
  const tenantId = tenant ? await tenantIdFor(tenant) : null;
  const token = await mintToken({
    secret: process.env.JWT_SECRET ?? DEV_JWT_SECRET,
    subject: arg('subject') ?? `dev-${role}`,
    roles: [role],
    tenantId,
    facilitatorId: arg('facilitator') ?? null,
  });
  process.stdout.write(token + '\n');
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
