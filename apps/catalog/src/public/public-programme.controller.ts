import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, RateLimited } from '@respire/platform';
import { idOf } from '../common/id.pipe';
import { PublicSessionsQueryDto } from '../sessions/dto/session.request.dto';
import { publicSessionResponse } from '../sessions/dto/session.response.dto';
import { PublicProgrammeUseCase } from '../sessions/use-cases/public-programme/public-programme.use-case';

/**
 * What anyone may read without an account, rate limited per client (PUBLIC_RATE_LIMIT per
 * minute, the client being the socket address or — behind the proxies TRUST_PROXY names — the
 * address they recorded in X-Forwarded-For).
 */
@ApiTags('public')
@Controller('public/tenants/:slug/sessions')
@Public()
@RateLimited()
export class PublicProgrammeController {
  constructor(private readonly programme: PublicProgrammeUseCase) {}

  @Get()
  @ApiOperation({
    summary:
      "A CPTS's published programme with places left: upcoming sessions by default; with `from`, sessions already held in the period too",
  })
  async list(@Param('slug') slug: string, @Query() query: PublicSessionsQueryDto) {
    const { items, now } = await this.programme.list(slug, query);
    return items.map((session) => publicSessionResponse(session, now));
  }

  @Get(':sessionId')
  @ApiOperation({ summary: 'One session of the public programme' })
  async get(@Param('slug') slug: string, @Param('sessionId', idOf('session')) sessionId: string) {
    const { session, now } = await this.programme.one(slug, sessionId);
    return publicSessionResponse(session, now);
  }
}
