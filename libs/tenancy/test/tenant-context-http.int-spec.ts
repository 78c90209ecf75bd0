import { Controller, Get, Module } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SignJWT } from 'jose';
import { v4 as uuidv4 } from 'uuid';
import { createHttpApp, PlatformModule, Public } from '@respire/platform';
import { TEST_JWT_SECRET } from '@respire/testing';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../src/auth/token-verifier';
import { AuthModule } from '../src/nest/auth.module';
import { TenantContext } from '../src/tenant-context';

@Controller('where')
class WhereController {
  @Get('private')
  private() {
    return { tenantId: TenantContext.current() };
  }

  /** After an await, as a use case reads it. */
  @Get('private-later')
  async later() {
    await new Promise((resolve) => setImmediate(resolve));
    return { tenantId: TenantContext.current() };
  }

  @Public()
  @Get('public')
  open() {
    return { tenantId: TenantContext.currentOrNull() };
  }
}

@Module({
  imports: [
    PlatformModule.forRoot({ service: 'test', logLevel: 'silent' }),
    AuthModule.forRootAsync({ useFactory: () => ({ kind: 'secret', secret: TEST_JWT_SECRET }) }),
  ],
  controllers: [WhereController],
})
class TestAppModule {}

/** The tenant of an authenticated request's token is TenantContext for its handler; a public route has none. */
describe('tenant context of HTTP requests (AuthGuard, no interceptor)', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;

  beforeAll(async () => {
    app = await createHttpApp(TestAppModule, { service: 'test', port: 0, host: '127.0.0.1' });
    baseUrl = await app.getUrl();
  });
  afterAll(() => app.close());

  const token = (tenantId: string) =>
    new SignJWT({ roles: ['coordinator'], tenant_id: tenantId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('someone')
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));

  const get = async (path: string, tenantId?: string) => {
    const answer = await fetch(`${baseUrl}/v1/where/${path}`, {
      headers: tenantId ? { authorization: `Bearer ${await token(tenantId)}` } : {},
    });
    return { status: answer.status, body: (await answer.json()) as { tenantId?: string | null } };
  };

  it("gives each authenticated request its own token's tenant, before and after an await", async () => {
    const tenants = Array.from({ length: 20 }, () => uuidv4());
    const answers = await Promise.all(
      tenants.flatMap((tenantId) => [get('private', tenantId), get('private-later', tenantId)]),
    );
    expect(answers.map((a) => a.body.tenantId)).toEqual(tenants.flatMap((t) => [t, t]));
  });

  it('has no tenant on a public route, even after authenticated requests on the same connection', async () => {
    await get('private', uuidv4());
    expect(await get('public')).toEqual({ status: 200, body: { tenantId: null } });
  });
});
