/**
 * Gives each demo CPTS a team in the identity service: a coordinator and one facilitator account
 * per facilitator record (linked to it, so they see their own sessions). Idempotent.
 * Called by seed-demo.ts after the catalog is seeded.
 */
import { mintToken, Role } from '../libs/tenancy/src';
import type { SeedOptions, SeedResult } from './seed-demo';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface SeededStaff {
  slug: string;
  email: string;
  roles: string[];
}

async function call(
  url: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** `Intervenant·e Énergie & Mouvement (DDS)` → `intervenant-e-energie-mouvement-dds` */
function slugOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function demoCoordinatorEmail(slug: string): string {
  return `coordination@${slug}.example.org`;
}

export async function seedDemoStaff(
  result: SeedResult,
  options: SeedOptions & { identityUrl: string },
): Promise<SeededStaff[]> {
  const log = options.log ?? (() => undefined);
  const admin = await mintToken({
    secret: options.jwtSecret,
    subject: 'seed-demo',
    roles: [Role.PlatformAdmin],
  });
  const seeded: SeededStaff[] = [];
  for (const tenant of result.tenants) {
    const coordinator = await mintToken({
      secret: options.jwtSecret,
      subject: 'seed-demo',
      roles: [Role.Coordinator],
      tenantId: tenant.id,
    });
    const facilitators = (await call(options.catalogUrl, coordinator, 'GET', '/v1/facilitators')).body as {
      id: string;
      name: string;
    }[];
    const wanted = [
      {
        email: demoCoordinatorEmail(tenant.slug),
        name: 'Coordination de la CPTS',
        roles: ['coordinator'],
        facilitatorId: null as string | null,
      },
      ...facilitators.map((f) => ({
        email: `${slugOf(f.name)}@${tenant.slug}.example.org`,
        name: f.name,
        roles: ['facilitator'],
        facilitatorId: f.id,
      })),
    ];
    // identity learns of a new CPTS from catalog's events: wait until it knows this one.
    const deadline = Date.now() + 60_000;
    let team: { status: number; body: Json };
    for (;;) {
      team = await call(options.identityUrl, coordinator, 'GET', '/v1/staff');
      const known =
        team.status === 200 &&
        (team.body.length > 0 ||
          (await call(options.identityUrl, admin, 'POST', `/v1/tenants/${tenant.id}/staff`, wanted[0]))
            .status === 201);
      if (known) break;
      if (Date.now() > deadline)
        throw new Error(`identity does not know ${tenant.slug} after 60 s (is its consumer running?)`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const existing = new Set(
      ((await call(options.identityUrl, coordinator, 'GET', '/v1/staff')).body as { email: string }[]).map(
        (m) => m.email,
      ),
    );
    for (const member of wanted) {
      if (!existing.has(member.email)) {
        const created = await call(options.identityUrl, coordinator, 'POST', '/v1/staff', member);
        if (created.status !== 201)
          throw new Error(
            `creating ${member.email} answered ${created.status}: ${JSON.stringify(created.body)}`,
          );
      }
      seeded.push({ slug: tenant.slug, email: member.email, roles: member.roles });
    }
    log(`${tenant.slug}: ${wanted.length} staff accounts (1 coordinator, ${wanted.length - 1} facilitators)`);
  }
  return seeded;
}
