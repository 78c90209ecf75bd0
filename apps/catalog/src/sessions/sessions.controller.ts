import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentPrincipal, Principal, Role, tenantOf } from '@respire/tenancy';
import { idOf } from '../common/id.pipe';
import { sessionViewerOf } from '../common/principal';
import {
  CancelSessionDto,
  CreateSeriesDto,
  CreateSessionDto,
  ListSessionsQueryDto,
  UpdateSessionDto,
} from './dto/session.request.dto';
import { SeriesResponseDto, SessionResponseDto } from './dto/session.response-schema';
import { sessionResponse } from './dto/session.response.dto';
import { CancelSessionUseCase } from './use-cases/cancel-session/cancel-session.use-case';
import { CompleteSessionUseCase } from './use-cases/complete-session/complete-session.use-case';
import { CreateSeriesUseCase } from './use-cases/create-series/create-series.use-case';
import { CreateSessionUseCase } from './use-cases/create-session/create-session.use-case';
import { PublishSessionUseCase } from './use-cases/publish-session/publish-session.use-case';
import { ReadSessionsUseCase } from './use-cases/read-sessions/read-sessions.use-case';
import { UpdateSessionUseCase } from './use-cases/update-session/update-session.use-case';

@ApiTags('sessions')
@Controller('sessions')
export class SessionsController {
  constructor(
    private readonly createSession: CreateSessionUseCase,
    private readonly createSeries: CreateSeriesUseCase,
    private readonly publishSession: PublishSessionUseCase,
    private readonly updateSession: UpdateSessionUseCase,
    private readonly cancelSession: CancelSessionUseCase,
    private readonly completeSession: CompleteSessionUseCase,
    private readonly readSessions: ReadSessionsUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @Authenticated(Role.Coordinator)
  @ApiOperation({
    summary: 'One session: local date and times in the tenant zone (draft unless publish: true)',
  })
  @ApiCreatedResponse({ type: SessionResponseDto })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateSessionDto) {
    return sessionResponse(await this.createSession.execute({ tenantId: tenantOf(principal), ...body }));
  }

  @Post('series')
  @HttpCode(201)
  @Authenticated(Role.Coordinator)
  @ApiOperation({
    summary: 'A series: one activity, time and venue on a list of local dates (all or nothing)',
  })
  @ApiCreatedResponse({ type: SeriesResponseDto })
  async series(@CurrentPrincipal() principal: Principal, @Body() body: CreateSeriesDto) {
    const sessions = await this.createSeries.execute({ tenantId: tenantOf(principal), ...body });
    return { sessions: sessions.map(sessionResponse) };
  }

  @Get()
  @Authenticated(Role.Coordinator, Role.Facilitator)
  @ApiOperation({
    summary:
      'Sessions by period, every status (a facilitator: only their own); paginated with limit/offset, total in X-Total-Count',
  })
  @ApiOkResponse({ type: [SessionResponseDto] })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListSessionsQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const page = await this.readSessions.list(sessionViewerOf(principal), query);
    void reply.header('X-Total-Count', String(page.total));
    return page.items.map(sessionResponse);
  }

  @Get(':id')
  @Authenticated(Role.Coordinator, Role.Facilitator)
  @ApiOperation({ summary: "One session (a facilitator: only one they lead; a colleague's answers 404)" })
  @ApiOkResponse({ type: SessionResponseDto })
  async get(@CurrentPrincipal() principal: Principal, @Param('id', idOf('session')) id: string) {
    return sessionResponse(await this.readSessions.one(sessionViewerOf(principal), id));
  }

  @Patch(':id')
  @Authenticated(Role.Coordinator)
  @ApiOperation({
    summary:
      'Reschedule (date, times, venue) or resize; on a published session publishes catalog.session.rescheduled / .capacity-changed',
  })
  @ApiOkResponse({ type: SessionResponseDto })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idOf('session')) id: string,
    @Body() body: UpdateSessionDto,
  ) {
    return sessionResponse(
      await this.updateSession.execute({ tenantId: tenantOf(principal), sessionId: id, ...body }),
    );
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Authenticated(Role.Coordinator)
  @ApiOperation({ summary: 'Publish a draft; publishes catalog.session.published (once)' })
  @ApiOkResponse({ type: SessionResponseDto })
  async publish(@CurrentPrincipal() principal: Principal, @Param('id', idOf('session')) id: string) {
    return sessionResponse(await this.publishSession.execute(tenantOf(principal), id));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Authenticated(Role.Coordinator)
  @ApiOperation({ summary: 'Cancel; a published session publishes catalog.session.cancelled (once)' })
  @ApiOkResponse({ type: SessionResponseDto })
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idOf('session')) id: string,
    @Body() body: CancelSessionDto,
  ) {
    return sessionResponse(await this.cancelSession.execute(tenantOf(principal), id, body?.reason ?? null));
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Authenticated(Role.Coordinator)
  @ApiOperation({
    summary: 'Mark an ended published session as held; publishes catalog.session.completed (once)',
  })
  @ApiOkResponse({ type: SessionResponseDto })
  async complete(@CurrentPrincipal() principal: Principal, @Param('id', idOf('session')) id: string) {
    return sessionResponse(await this.completeSession.execute(tenantOf(principal), id));
  }
}
