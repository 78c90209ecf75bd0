import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { RequestContext } from './context/request-context';
import { DomainError } from './errors/domain-error';
import { ReadinessRegistry } from './health/readiness.registry';
import { createHttpApp } from './http/create-http-app';
import { PlatformModule } from './platform.module';

class CreateWidgetDto extends createZodDto(
  z.object({ name: z.string().min(1), size: z.number().int().positive() }),
) {}

@Controller('widgets')
class WidgetsController {
  @Post()
  create(@Body() body: CreateWidgetDto) {
    return { id: 'w-1', ...body };
  }

  @Get(':id')
  find(@Param('id') id: string) {
    if (id === 'gone') throw new DomainError('widget_gone', 'This widget was withdrawn', 410);
    return { id, correlationId: RequestContext.correlationId() };
  }
}

@Module({
  imports: [PlatformModule.forRoot({ service: 'test', logLevel: 'silent' })],
  controllers: [WidgetsController],
})
class TestAppModule {}

describe('createHttpApp', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  let cacheUp = true;
  let brokerUp = true;

  beforeAll(async () => {
    app = await createHttpApp(TestAppModule, { service: 'test', port: 0, host: '127.0.0.1' });
    app.get(ReadinessRegistry).register('cache', async () => {
      if (!cacheUp) throw new Error('cache does not answer');
    });
    app.get(ReadinessRegistry).register(
      'broker',
      async () => {
        if (!brokerUp) throw new Error('broker does not answer');
      },
      { required: false },
    );
    baseUrl = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${baseUrl}${path}`, { headers });
  const post = (path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('answers /health/live while the process runs', async () => {
    const response = await get('/health/live');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /health/ready 200 while the required checks pass (degraded when an optional one fails), 503 naming a required one that fails', async () => {
    cacheUp = true;
    brokerUp = true;
    const ready = await get('/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ok',
      checks: { cache: { ok: true, required: true }, broker: { ok: true, required: false } },
    });

    brokerUp = false;
    const degraded = await get('/health/ready');
    expect(degraded.status).toBe(200);
    expect(await degraded.json()).toEqual({
      status: 'degraded',
      checks: {
        cache: { ok: true, required: true },
        broker: { ok: false, required: false, error: 'broker does not answer' },
      },
    });
    expect(await (await get('/metrics')).text()).toMatch(
      /respire_dependency_up\{[^}]*dependency="broker"[^}]*\} 0/,
    );

    cacheUp = false;
    const unready = await get('/health/ready');
    expect(unready.status).toBe(503);
    expect(await unready.json()).toMatchObject({
      status: 'unavailable',
      checks: { cache: { ok: false, required: true, error: 'cache does not answer' } },
    });
  });

  it('serves application routes under /v1 only', async () => {
    expect((await get('/v1/widgets/w-7')).status).toBe(200);
    expect((await get('/widgets/w-7')).status).toBe(404);
    expect((await get('/v1/health/live')).status).toBe(404);
  });

  it('keeps a well-formed x-correlation-id through the request and echoes it', async () => {
    const response = await get('/v1/widgets/w-7', { 'x-correlation-id': 'corr-abc-1' });

    expect(response.headers.get('x-correlation-id')).toBe('corr-abc-1');
    expect(await response.json()).toEqual({ id: 'w-7', correlationId: 'corr-abc-1' });
  });

  it('times requests in /metrics by route pattern, never by raw URL', async () => {
    await get('/v1/widgets/w-12345');

    const response = await get('/metrics');
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="[^"]+",service="test",method="GET",route="\/v1\/widgets\/:id",status_code="200"\}/,
    );
    expect(text).not.toContain('w-12345');
    expect(text).toContain('process_cpu_user_seconds_total{service="test"}');
  });

  // Swagger UI at /docs is checked on the built app: under Jest its static-file plugin cannot load.
  it('publishes the OpenAPI document at /docs-json', async () => {
    const document = (await (await get('/docs-json')).json()) as {
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };

    expect(document.openapi).toMatch(/^3\./);
    expect(document.info.title).toBe('Respire test API');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/widgets', '/v1/widgets/{id}', '/health/live', '/health/ready']),
    );
    expect(document.paths['/v1/widgets'].post.requestBody).toBeDefined();
  });

  it('answers invalid input with 400 naming each offending field', async () => {
    const response = await post('/v1/widgets', { name: '', size: 'large' });
    const body = (await response.json()) as { error: string; fields: { path: string; message: string }[] };

    expect(response.status).toBe(400);
    expect(body.error).toBe('validation_failed');
    expect(body.fields.map((field) => field.path).sort()).toEqual(['name', 'size']);
    expect(JSON.stringify(body)).not.toMatch(/\bat .*\.ts/);
  });

  it('accepts valid input', async () => {
    const response = await post('/v1/widgets', { name: 'bolt', size: 3 });

    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: 'w-1', name: 'bolt', size: 3 });
  });

  it('answers malformed JSON with 400 in the same shape', async () => {
    const response = await fetch(`${baseUrl}/v1/widgets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":',
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'bad_request' });
  });

  it('maps a domain error to its status and code', async () => {
    const response = await get('/v1/widgets/gone');

    expect(response.status).toBe(410);
    expect(await response.json()).toEqual({ error: 'widget_gone', message: 'This widget was withdrawn' });
  });
});
