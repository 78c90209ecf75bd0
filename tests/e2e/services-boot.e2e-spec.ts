import { createTestKafka, TestKafka, TestService } from '@respire/testing';
import { ServiceKey, serviceDefinitions, startService } from './services';

describe('the four services boot on real PostgreSQL, Kafka and Redis', () => {
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

  it.each(Object.keys(serviceDefinitions) as ServiceKey[])('%s is ready, with its dependencies checked', async (key) => {
    const service = services.get(key)!;
    const ready = await service.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    const expected = ['database', 'kafka', ...(key === 'registration' || key === 'notifications' ? ['redis'] : [])];
    expect(Object.keys(ready.body.checks).sort()).toEqual(expected.sort());
  });

  it.each(Object.keys(serviceDefinitions) as ServiceKey[])('%s serves OpenAPI, metrics and liveness', async (key) => {
    const service = services.get(key)!;
    expect((await service.request('GET', '/health/live')).status).toBe(200);
    const docs = await service.request('GET', '/docs-json');
    expect(docs.body.openapi).toMatch(/^3\./);
    const metrics = await service.request('GET', '/metrics');
    expect(metrics.body).toContain('http_request_duration_seconds');
    expect(metrics.body).toMatch(/respire_outbox_pending\{service="[a-z]+"\} 0/);
    expect(metrics.body).toContain('respire_outbox_oldest_pending_seconds');
  });

  it('refuses a back-office route without a token', async () => {
    const catalog = services.get('catalog')!;
    const response = await catalog.request('GET', '/v1/does-not-exist');
    expect([401, 404]).toContain(response.status);
  });
});
