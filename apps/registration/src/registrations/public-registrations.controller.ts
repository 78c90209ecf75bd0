import { Body, Controller, Headers, Param, Post, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { departmentFromPostcode } from '@respire/contracts';
import { Public, RateLimited, RequestContext } from '@respire/platform';
import { idempotencyKeySchema, PublicSessionParamsDto, RegisterParticipantDto } from './dto/registration.request.dto';
import { RegisterParticipantCommand } from './use-cases/register-participant/register-participant.command';
import { RegisterParticipantUseCase } from './use-cases/register-participant/register-participant.use-case';

/** Health professionals register without an account. */
@ApiTags('public')
@Controller('public')
@Public()
@RateLimited()
export class PublicRegistrationsController {
  constructor(private readonly register: RegisterParticipantUseCase) {}

  @Post('tenants/:slug/sessions/:sessionId/registrations')
  @ApiOperation({ summary: 'Register to a session: a seat if one is free, else the waitlist (with a position)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retry with the same key gets the first answer' })
  @ApiCreatedResponse({ description: '{id, sessionId, status: confirmed | waitlisted, waitlistPosition?}' })
  @ApiNotFoundResponse({ description: 'unknown CPTS or session' })
  @ApiConflictResponse({ description: 'already registered, session cancelled or past, registration window closed' })
  async create(
    @Param() params: PublicSessionParamsDto,
    @Body() body: RegisterParticipantDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const key = idempotencyKeySchema.parse({ 'Idempotency-Key': idempotencyKey })['Idempotency-Key'] ?? null;
    const result = await this.register.execute(toCommand({ slug: params.slug }, params.sessionId, body, 'public', key));
    void reply.status(result.status);
    if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
    return result.body;
  }
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
    participant: {
      email: body.email,
      firstName: body.firstName,
      lastName: body.lastName,
      profession: body.profession,
      practiceMode: body.practiceMode,
      postcode: body.postcode,
      department: departmentFromPostcode(body.postcode)!,
      rpps: body.rpps ?? null,
      consents: { ...body.consents },
    },
  };
}
