/**
 * Prints a JWT for trying the API:
 *   npm run token -- --tenant capacites-besancon --role coordinator
 *   npm run token -- --role platform-admin
 *   npm run token -- --role funder --region bourgogne-franche-comte
 * The tenant may be given by slug (looked up in the catalog database) or by id.
 * Signed with JWT_SECRET (the development default unless set), which services accept outside
 * production. For a production deployment, sign with the identity service's keys instead (the
 * operator holds them): `--signing-keys FILE` (a JWK set, as in the respire-identity-keys Secret;
 * `-` reads it from standard input), e.g.
 *   kubectl -n respire get secret respire-identity-keys -o jsonpath='{.data.IDENTITY_SIGNING_KEYS}' \
 *     | base64 -d | npm run -s token -- --role platform-admin --signing-keys - --expires 15m
 */
import { readFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import { Client } from 'pg';
import { SigningKeySet } from '../apps/identity/src/keys/domain/signing-key-set';
import { REGION_CODES } from '../libs/contracts/src';
import { mintToken, Role, ALL_ROLES } from '../libs/tenancy/src';
import { DEV_JWT_SECRET, devDatabaseUrl } from './dev-env';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function tenantIdFor(tenant: string): Promise<string> {
  if (/^[0-9a-f-]{36}$/i.test(tenant)) return tenant;
  const client = new Client({
    connectionString: process.env.CATALOG_DATABASE_URL ?? devDatabaseUrl('catalog'),
  });
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
  const region = arg('region');
  if (role === Role.Funder) {
    // A funder reads the CPTS of one region: a region, never a tenant.
    if (!region || !(REGION_CODES as readonly string[]).includes(region))
      throw new Error(`--role funder needs --region, one of: ${REGION_CODES.join(', ')}`);
    if (tenant) throw new Error('--role funder takes a --region, not a --tenant');
  } else if (region) throw new Error('--region is for --role funder only');
  if (role !== Role.PlatformAdmin && role !== Role.Funder && !tenant)
    throw new Error(`--role ${role} needs --tenant SLUG`);
  const tenantId = tenant ? await tenantIdFor(tenant) : null;
  const keysFile = arg('signing-keys');
  if (keysFile) {
    const keys = await SigningKeySet.fromJson(readFileSync(keysFile === '-' ? 0 : keysFile, 'utf8'));
    const claims: Record<string, unknown> = { roles: [role] };
    if (tenantId) claims.tenant_id = tenantId;
    if (region) claims.region = region;
    if (arg('facilitator')) claims.facilitator_id = arg('facilitator');
    const { kid, alg, key } = keys.current;
    const signed = await new SignJWT(claims)
      .setProtectedHeader({ alg, kid, typ: 'JWT' })
      .setSubject(arg('subject') ?? `ops-${role}`)
      .setIssuer(process.env.JWT_ISSUER ?? 'respire')
      .setAudience(process.env.JWT_AUDIENCE ?? 'respire-api')
      .setIssuedAt()
      .setExpirationTime(arg('expires') ?? '15m')
      .sign(key);
    process.stdout.write(signed + '\n');
    return;
  }
  const token = await mintToken({
    secret: process.env.JWT_SECRET ?? DEV_JWT_SECRET,
    subject: arg('subject') ?? `dev-${role}`,
    roles: [role],
    tenantId,
    facilitatorId: arg('facilitator') ?? null,
    region: region ?? null,
    expiresIn: arg('expires'),
  });
  process.stdout.write(token + '\n');
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
