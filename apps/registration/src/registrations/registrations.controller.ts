import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequestContext } from '@respire/platform';
import { Authenticated, CurrentPrincipal, Principal, Role } from '@respire/tenancy';
import {
  coordinatorCancelSchema,
  CoordinatorCancelDto,
  MoveRegistrationDto,
  RegistrationParamsDto,
} from './dto/registration.request.dto';
import { CancelAnswerDto, MoveAnswerDto } from './dto/registration.response-schema';
import { CancelRegistrationUseCase } from './use-cases/cancel-registration/cancel-registration.use-case';
import { MoveRegistrationUseCase } from './use-cases/move-registration/move-registration.use-case';

/** Coordinators act on someone's registration. */
@ApiTags('registrations')
@Controller('registrations/:id')
@Authenticated(Role.Coordinator)
export class RegistrationsController {
  constructor(
    private readonly cancel: CancelRegistrationUseCase,
    private readonly move: MoveRegistrationUseCase,
  ) {}

  @Post('cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel on the participant’s behalf (optional {reason}, shown to them)' })
  @ApiOkResponse({ type: CancelAnswerDto })
  @ApiBody({ type: CoordinatorCancelDto, required: false })
  async cancelOnBehalf(
    @CurrentPrincipal() principal: Principal,
    @Param() params: RegistrationParamsDto,
    @Body() body: unknown,
  ) {
    const { reason } = coordinatorCancelSchema.parse(body ?? undefined);
    const result = await this.cancel.execute({
      tenantId: principal.tenantId!,
      registrationId: params.id,
      by: 'coordinator',
      reason: reason ?? null,
      correlationId: RequestContext.correlationId(),
    });
    return { id: result.id, status: result.status, previousStatus: result.previousStatus };
  }

  @Post('move')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move someone to another session: cancel here and register there, together or not at all',
  })
  @ApiConflictResponse({
    description: 'target full (unless waitlistIfFull), cancelled, past, or already registered there',
  })
  @ApiOkResponse({ type: MoveAnswerDto })
  moveTo(
    @CurrentPrincipal() principal: Principal,
    @Param() params: RegistrationParamsDto,
    @Body() body: MoveRegistrationDto,
  ) {
    return this.move.execute({
      tenantId: principal.tenantId!,
      registrationId: params.id,
      targetSessionId: body.sessionId,
      waitlistIfFull: body.waitlistIfFull,
      correlationId: RequestContext.correlationId(),
    });
  }
}
