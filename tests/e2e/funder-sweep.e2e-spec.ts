import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { mintToken, Role } from '@respire/tenancy';
import { createTestKafka, TEST_JWT_SECRET, TestKafka, TestService, waitFor } from '@respire/testing';
import { ServiceKey, serviceDefinitions, startService } from './services';

jest.setTimeout(300_000);

interface Operation {
  security?: unknown[];
}

const OPENAPI_DIR = join(__dirname, '..', '..', 'docs', 'openapi');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * A funder's token names a region, not a tenant. Every authenticated route of every service,
 * read from docs/openapi, is called with the token of a funder of ANOTHER region than the CPTS
 * whose ids fill the path: a CPTS route refuses it (403, or 404 like a missing resource), and a
 * funder route answers only about the funder's own region — nothing of the CPTS.
 */
describe('a funder of another region reads nothing, on every route of every service', () => {
  let kafka: TestKafka;
  const services = new Map<ServiceKey, TestService<unknown>>();
  const slug = `sweep-${Date.now().toString(36)}`;
  let tenantId: string;
  let tenantName: string;

  beforeAll(async () => {
    kafka = await createTestKafka();
    for (const key of Object.keys(serviceDefinitions) as ServiceKey[])
      services.set(key, await startService(key, kafka));
    const catalog = services.get('catalog')!;
    const admin = await catalog.token(Role.PlatformAdmin);
    const created = await catalog.request('POST', '/v1/tenants', {
      token: admin,
      body: { slug, name: 'CPTS CaPaciTéS Besançon (sweep)', region: 'bourgogne-franche-comte' },
    });
    expect(created.status).toBe(201);
    expect(created.body.region).toBe('bourgogne-franche-comte');
    tenantId = created.body.id;
    tenantName = created.body.name;
    const refused = await catalog.request('PATCH', `/v1/tenants/${tenantId}`, {
      token: admin,
      body: { region: 'bourgogne' },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('nouvelle-aquitaine');
    // Reporting learns the CPTS and its region from catalog's event: the funder of that region sees it.
    const reporting = services.get('reporting')!;
    const own = mintToken({
      secret: TEST_JWT_SECRET,
      subject: 'ars-bfc',
      roles: [Role.Funder],
      region: 'bourgogne-franche-comte',
    });
    await waitFor(
      async () => (await reporting.request('GET', '/v1/funder/cpts', { token: await own })).body,
      (body: { tenantId: string }[]) => Array.isArray(body) && body.some((c) => c.tenantId === tenantId),
      { timeoutMs: 60_000, what: 'reporting to learn the CPTS and its region' },
    );
  });

  afterAll(async () => {
    for (const service of services.values()) await service.close();
    await kafka?.cleanup();
  });

  it('answers 403 or 404 on every CPTS route, and only the funder’s own (empty) region on the funder routes', async () => {
    const stranger = await mintToken({
      secret: TEST_JWT_SECRET,
      subject: 'ars-cvl',
      roles: [Role.Funder],
      region: 'centre-val-de-loire',
    });
    const answers: string[] = [];
    let swept = 0;
    for (const file of readdirSync(OPENAPI_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const key = file.replace(/\.json$/, '') as ServiceKey;
      const service = services.get(key);
      if (!service) throw new Error(`docs/openapi/${file} names no service the sweep starts`);
      const document = JSON.parse(readFileSync(join(OPENAPI_DIR, file), 'utf8')) as {
        paths: Record<string, Record<string, Operation>>;
      };
      for (const [template, operations] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          if (!METHODS.includes(method) || !operation.security?.length) continue; // public routes are everyone's
          const path = template.replace(/\{(\w+)\}/g, (_, param: string) => valueFor(param, tenantId, slug));
          const funderRoute = template.startsWith('/v1/funder/');
          const query = template === '/v1/funder/survey-results' ? '?template=barometre-bien-etre' : '';
          const response = await service.request(method.toUpperCase(), path + query, {
            token: stranger,
            body: method === 'get' ? undefined : {},
          });
          swept++;
          const text = JSON.stringify(response.body);
          const leaks = [tenantId, tenantName, slug].some((s) => text.includes(s));
          const ok = funderRoute
            ? response.status === 200 && !leaks
            : [403, 404].includes(response.status) && !leaks;
          if (!ok) answers.push(`${key} ${method} ${template} → ${response.status} ${text.slice(0, 200)}`);
        }
      }
    }
    expect(swept).toBeGreaterThanOrEqual(60);
    expect(answers).toEqual([]);
  });
});

/** A value for a path parameter: the CPTS's own ids where the route takes one, else a plausible one. */
function valueFor(param: string, tenantId: string, slug: string): string {
  if (param === 'slug') return slug;
  if (param === 'dimension') return 'activity';
  if (param === 'key') return 'reminder';
  if (/^(id|tenantId)$/.test(param)) return tenantId;
  return uuidv7();
}
