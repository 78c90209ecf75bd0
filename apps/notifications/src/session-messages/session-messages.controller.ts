import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RequestContext } from '@respire/platform';
import { Authenticated, CurrentPrincipal, Principal, Role, runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import {
  idempotencyHeaderSchema,
  SentSessionMessageDto,
  SessionMessageDto,
  SessionMessagePreviewDto,
  SessionMessageSummaryDto,
  SessionParamsDto,
} from './dto/session-message.dto';
import { SessionMessageRepository } from './infrastructure/session-message.repository';
import { SessionMessagesUseCase } from './use-cases/session-messages.use-case';

/** A coordinator's message to a session's confirmed and/or waitlisted people. */
@ApiTags('messages')
@Controller('sessions/:id/messages')
@Authenticated(Role.Coordinator)
export class SessionMessagesController {
  constructor(
    private readonly messages: SessionMessagesUseCase,
    private readonly stored: SessionMessageRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The mail as one recipient would read it, and how many people would get it; sends nothing',
  })
  @ApiOkResponse({ type: SessionMessagePreviewDto })
  preview(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionParamsDto,
    @Body() body: SessionMessageDto,
  ) {
    return this.messages.preview(principal.tenantId!, params.id, body);
  }

  @Post()
  @HttpCode(200)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'names the message: a retry with the same key sends nothing again',
  })
  @ApiOperation({ summary: 'Send: one mail per person through the delivery log, once per Idempotency-Key' })
  @ApiOkResponse({ type: SentSessionMessageDto })
  @ApiConflictResponse({ description: 'idempotency_key_reused: the key already sent a different message' })
  send(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionParamsDto,
    @Body() body: SessionMessageDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ) {
    return this.messages.send(principal.tenantId!, params.id, body, {
      idempotencyKey: idempotencyHeaderSchema.parse(idempotencyKey),
      sentBy: principal.subject,
      correlationId: RequestContext.correlationId(),
      now: this.clock.now(),
    });
  }

  @Get()
  @ApiOperation({ summary: "The session's messages, newest first (subject, audience, how many got it)" })
  @ApiOkResponse({ type: [SessionMessageSummaryDto] })
  async list(@CurrentPrincipal() principal: Principal, @Param() params: SessionParamsDto) {
    const tenantId = principal.tenantId!;
    const rows = await runInTenantTransaction(this.dataSource, tenantId, (manager) =>
      this.stored.bySession(manager, tenantId, params.id),
    );
    return rows.map((m) => ({
      id: m.id,
      subject: m.subject,
      audience: m.audience,
      recipients: m.recipients,
      createdAt: m.createdAt.toISOString(),
    }));
  }
}
