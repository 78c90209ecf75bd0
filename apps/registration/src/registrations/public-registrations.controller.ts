import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { departmentFromPostcode } from '@respire/contracts';
import { Public, RateLimited, RequestContext } from '@respire/platform';
import {
  idempotencyKeySchema,
  PublicSessionParamsDto,
  PublicTenantParamsDto,
  RegisterForSessionsDto,
  RegisterParticipantDto,
} from './dto/registration.request.dto';
import { RegisterForSessionsUseCase } from './use-cases/register-for-sessions/register-for-sessions.use-case';
import { RegisterParticipantCommand } from './use-cases/register-participant/register-participant.command';
import { RegisterParticipantUseCase } from './use-cases/register-participant/register-participant.use-case';

/** Health professionals register without an account. */
@ApiTags('public')
@Controller('public')
@Public()
@RateLimited()
export class PublicRegistrationsController {
  constructor(
    private readonly register: RegisterParticipantUseCase,
    private readonly registerMany: RegisterForSessionsUseCase,
  ) {}

  @Post('tenants/:slug/sessions/:sessionId/registrations')
  @ApiOperation({
    summary: 'Register to a session: a seat if one is free, else the waitlist (with a position)',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'a retry with the same key gets the first answer',
  })
  @ApiCreatedResponse({ description: '{id, sessionId, status: confirmed | waitlisted, waitlistPosition?}' })
  @ApiNotFoundResponse({ description: 'unknown CPTS or session' })
  @ApiConflictResponse({ description: 'session cancelled or past, registration window closed' })
  async create(
    @Param() params: PublicSessionParamsDto,
    @Body() body: RegisterParticipantDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.register.execute(
      toCommand({ slug: params.slug }, params.sessionId, body, 'public', keyOf(idempotencyKey)),
    );
    void reply.status(result.status);
    if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Post('tenants/:slug/registrations')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Register to several sessions in one go (e.g. dates of a series): each is confirmed, waitlisted (with a position) or refused (with the reason) on its own',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'a retry with the same key gets the first answers',
  })
  @ApiCreatedResponse({
    description:
      '{registrations: [{sessionId, id, status: confirmed | waitlisted, waitlistPosition?} | {sessionId, status: refused, error, message}]}',
  })
  @ApiNotFoundResponse({ description: 'unknown CPTS' })
  async createMany(
    @Param() params: PublicTenantParamsDto,
    @Body() body: RegisterForSessionsDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.registerMany.execute({
      tenant: { slug: params.slug },
      sessionIds: body.sessionIds,
      origin: 'public',
      idempotencyKey: keyOf(idempotencyKey),
      correlationId: RequestContext.correlationId(),
      participant: participantOf(body),
    });
    if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
    return { registrations: result.registrations };
  }
}

function keyOf(header: string | undefined): string | null {
  return idempotencyKeySchema.parse({ 'Idempotency-Key': header })['Idempotency-Key'] ?? null;
}

export function toCommand(
  tenant: RegisterParticipantCommand['tenant'],
  sessionId: string,
  body: RegisterParticipantDto,
  origin: 'public' | 'coordinator',
  idempotencyKey: string | null,
): RegisterParticipantCommand {
  return {
    tenant,
    sessionId,
    origin,
    idempotencyKey,
    correlationId: RequestContext.correlationId(),
    participant: participantOf(body),
  };
}

function participantOf(body: RegisterParticipantDto): RegisterParticipantCommand['participant'] {
  return {
    email: body.email,
    firstName: body.firstName,
    lastName: body.lastName,
    profession: body.profession,
    practiceMode: body.practiceMode,
    postcode: body.postcode,
    department: departmentFromPostcode(body.postcode)!,
    rpps: body.rpps ?? null,
    consents: { ...body.consents },
  };
}
