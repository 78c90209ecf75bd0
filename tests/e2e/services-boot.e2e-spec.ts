import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { routeOf } from '@respire/platform';
import { createTestKafka, TestKafka, TestService } from '@respire/testing';
import { ServiceKey, serviceDefinitions, startService } from './services';

/** The OpenAPI documents clients are generated from and the Ingress check reads (npm run openapi). */
const OPENAPI_DIR = join(__dirname, '..', '..', 'docs', 'openapi');
const UPDATE_OPENAPI = process.env.UPDATE_OPENAPI === '1';

describe('the services boot on real PostgreSQL, Kafka and Redis', () => {
  let kafka: TestKafka;
  const services = new Map<ServiceKey, TestService<unknown>>();

  beforeAll(async () => {
    kafka = await createTestKafka();
    for (const key of Object.keys(serviceDefinitions) as ServiceKey[]) {
      services.set(key, await startService(key, kafka));
    }
  });

  afterAll(async () => {
    for (const service of services.values()) await service.close();
    await kafka?.cleanup();
  });

  it.each(Object.keys(serviceDefinitions) as ServiceKey[])(
    '%s is ready, with its dependencies checked',
    async (key) => {
      const service = services.get(key)!;
      const ready = await service.request('GET', '/health/ready');
      expect(ready.status).toBe(200);
      const expected = [
        'database',
        'kafka',
        ...(key === 'registration' || key === 'notifications' ? ['redis'] : []),
      ];
      expect(Object.keys(ready.body.checks).sort()).toEqual(expected.sort());
    },
  );

  it.each(Object.keys(serviceDefinitions) as ServiceKey[])(
    '%s serves OpenAPI, metrics and liveness',
    async (key) => {
      const service = services.get(key)!;
      expect((await service.request('GET', '/health/live')).status).toBe(200);
      const docs = await service.request('GET', '/docs-json');
      expect(docs.body.openapi).toMatch(/^3\./);
      const metrics = await service.request('GET', '/metrics');
      expect(metrics.body).toContain('http_request_duration_seconds');
      expect(metrics.body).toMatch(/respire_outbox_pending\{service="[a-z]+"\} 0/);
      expect(metrics.body).toContain('respire_outbox_oldest_pending_seconds');
    },
  );

  it.each(Object.keys(serviceDefinitions) as ServiceKey[])(
    '%s: docs/openapi is current and the route table sends every path to it',
    async (key) => {
      const document = (await services.get(key)!.request('GET', '/docs-json')).body;
      const file = join(OPENAPI_DIR, `${key}.json`);
      const rendered = `${JSON.stringify(document, null, 2)}\n`;
      if (UPDATE_OPENAPI) {
        mkdirSync(OPENAPI_DIR, { recursive: true });
        writeFileSync(file, rendered);
      }
      expect({ file, current: readFileSync(file, 'utf8') === rendered }).toEqual({ file, current: true });
      const misrouted = Object.keys(document.paths)
        .filter((path) => path.startsWith('/v1/') || path.startsWith('/.well-known/'))
        .map((path) => ({ path, reaches: routeOf(path.replace(/\{[^}]+\}/g, '0193')).service }))
        .filter(({ reaches }) => reaches !== key);
      expect(misrouted).toEqual([]);
    },
  );

  it('refuses a back-office route without a token', async () => {
    const catalog = services.get('catalog')!;
    const response = await catalog.request('GET', '/v1/does-not-exist');
    expect([401, 404]).toContain(response.status);
  });
});
