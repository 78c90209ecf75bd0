import { Body, Controller, Headers, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public, RateLimited } from '@respire/platform';
import {
  clearedSessionCookies,
  cookiePolicyFor,
  CookiePolicy,
  CSRF_HEADER,
  readCookie,
  SESSION_COOKIE,
  sessionCookies,
} from '../auth-sessions/domain/session-cookies';
import { SessionTokenUseCase } from '../auth-sessions/use-cases/session-token/session-token.use-case';
import { NotSignedInError } from '../common/identity-errors';
import { IDENTITY_CONFIG, IdentityEnv } from '../config/env.schema';
import {
  AccessTokenDto,
  accountResponse,
  CompleteSignInDto,
  RequestSignInDto,
  SignedInDto,
  SignInRequestedDto,
} from './dto/sign-in.dto';
import { CompleteSignInUseCase } from './use-cases/complete-sign-in/complete-sign-in.use-case';
import { RequestSignInUseCase } from './use-cases/request-sign-in/request-sign-in.use-case';

const SAME_ANSWER =
  'Si cette adresse correspond à un compte, un lien de connexion vient d’être envoyé. Il est valable 15 minutes.';

/** Passwordless sign-in and the cookie session behind the back office. */
@ApiTags('auth')
@Public()
@RateLimited()
@Controller('auth')
export class AuthController {
  private readonly cookies: CookiePolicy;

  constructor(
    private readonly requestSignIn: RequestSignInUseCase,
    private readonly completeSignIn: CompleteSignInUseCase,
    private readonly sessionToken: SessionTokenUseCase,
    @Inject(IDENTITY_CONFIG) config: IdentityEnv,
  ) {
    this.cookies = cookiePolicyFor(config.IDENTITY_PUBLIC_BASE_URL);
  }

  @Post('sign-in/request')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Mail a sign-in link to this address; the same answer whether or not it has an account',
  })
  @ApiOkResponse({ type: SignInRequestedDto })
  async request(@Body() body: RequestSignInDto) {
    await this.requestSignIn.execute(body.email);
    return { message: SAME_ANSWER };
  }

  @Post('sign-in/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Use a link (once): opens a session in an httpOnly cookie, plus a CSRF cookie' })
  @ApiOkResponse({ type: SignedInDto })
  async complete(
    @Body() body: CompleteSignInDto,
    @Headers('user-agent') userAgent: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const opened = await this.completeSignIn.execute(body.token, userAgent ?? null);
    void reply.header(
      'set-cookie',
      sessionCookies(opened.sessionToken, opened.csrfToken, opened.maxAgeSeconds, this.cookies),
    );
    void reply.header('cache-control', 'no-store');
    const { tenantName: _name, tenantSlug: _slug, ...account } = accountResponse(opened.account, null);
    return { account };
  }

  @Post('token')
  @HttpCode(200)
  @ApiHeader({ name: 'X-CSRF-Token', description: 'the value of the respire_csrf cookie', required: true })
  @ApiOperation({ summary: 'A short-lived access token for the session in the cookie' })
  @ApiOkResponse({ type: AccessTokenDto })
  async token(
    @Headers() headers: Record<string, string | undefined>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const grant = await this.sessionToken.accessToken({
      sessionToken: readCookie(headers.cookie, SESSION_COOKIE),
      csrfToken: headers[CSRF_HEADER] ?? null,
    });
    void reply.header('cache-control', 'no-store');
    return {
      accessToken: grant.accessToken,
      expiresAt: grant.expiresAt.toISOString(),
      account: accountResponse(grant.account, grant.place),
    };
  }

  @Post('sign-out')
  @HttpCode(204)
  @ApiHeader({ name: 'X-CSRF-Token', description: 'the value of the respire_csrf cookie', required: true })
  @ApiOperation({ summary: 'End this session and clear its cookies' })
  async signOut(
    @Headers() headers: Record<string, string | undefined>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    try {
      await this.sessionToken.signOut({
        sessionToken: readCookie(headers.cookie, SESSION_COOKIE),
        csrfToken: headers[CSRF_HEADER] ?? null,
      });
    } catch (error) {
      // Already ended or expired: signing out again is done. A CSRF refusal still refuses.
      if (!(error instanceof NotSignedInError)) throw error;
    }
    void reply.header('set-cookie', clearedSessionCookies(this.cookies));
  }
}
