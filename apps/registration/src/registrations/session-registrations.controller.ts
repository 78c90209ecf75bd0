import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequestContext } from '@respire/platform';
import { Authenticated, CurrentPrincipal, Principal, Role } from '@respire/tenancy';
import { AttendanceDto, RegisterParticipantDto, SessionParamsDto } from './dto/registration.request.dto';
import { itemFor, toSessionSummary } from './dto/registration.response';
import {
  AttendanceAnswerDto,
  RegistrationAnswerDto,
  RegistrationItemDto,
  SeatSummaryDto,
} from './dto/registration.response-schema';
import { toCommand } from './public-registrations.controller';
import { ListSessionRegistrationsUseCase } from './use-cases/list-session-registrations/list-session-registrations.use-case';
import { RecordAttendanceUseCase } from './use-cases/record-attendance/record-attendance.use-case';
import { RegisterParticipantUseCase } from './use-cases/register-participant/register-participant.use-case';

/** A session's registrations, waitlist and attendance, for its coordinators and its facilitator. */
@ApiTags('sessions')
@Controller('sessions/:sessionId')
export class SessionRegistrationsController {
  constructor(
    private readonly list: ListSessionRegistrationsUseCase,
    private readonly attendance: RecordAttendanceUseCase,
    private readonly register: RegisterParticipantUseCase,
  ) {}

  @Get('registrations')
  @Authenticated(Role.Coordinator, Role.Facilitator)
  @ApiOperation({
    summary: 'Registrations of a session: seat holders, then the waitlist by position, then the rest',
  })
  @ApiNotFoundResponse({
    description: 'session unknown to this service (not published yet, or another tenant’s)',
  })
  @ApiOkResponse({ type: [RegistrationItemDto] })
  async registrations(@CurrentPrincipal() principal: Principal, @Param() params: SessionParamsDto) {
    const { registrations } = await this.list.execute(principal, params.sessionId);
    return registrations.map(itemFor(principal));
  }

  @Get('waitlist')
  @Authenticated(Role.Coordinator, Role.Facilitator)
  @ApiOperation({ summary: 'The waitlist of a session, first come first served' })
  @ApiOkResponse({ type: [RegistrationItemDto] })
  async waitlist(@CurrentPrincipal() principal: Principal, @Param() params: SessionParamsDto) {
    const { registrations } = await this.list.execute(principal, params.sessionId);
    return registrations.filter((r) => r.status === 'waitlisted').map(itemFor(principal));
  }

  @Get('seats')
  @Authenticated(Role.Coordinator, Role.Facilitator)
  @ApiOperation({ summary: 'Seat summary: capacity, seats held, places left, waitlist length, attendance' })
  @ApiOkResponse({ type: SeatSummaryDto })
  async seats(@CurrentPrincipal() principal: Principal, @Param() params: SessionParamsDto) {
    const { session, registrations } = await this.list.execute(principal, params.sessionId);
    return toSessionSummary(session, registrations);
  }

  @Post('registrations')
  @Authenticated(Role.Coordinator)
  @ApiOperation({ summary: 'A coordinator registers someone (window and eligibility do not apply)' })
  @ApiCreatedResponse({ type: RegistrationAnswerDto })
  async registerOnBehalf(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionParamsDto,
    @Body() body: RegisterParticipantDto,
  ) {
    const result = await this.register.execute(
      toCommand({ tenantId: principal.tenantId! }, params.sessionId, body, 'coordinator', null),
    );
    return result.body;
  }

  @Post('attendance')
  @HttpCode(200)
  @Authenticated(Role.Coordinator, Role.Facilitator)
  @ApiOperation({ summary: 'Check-in: attended true (came) or false (no-show); corrections allowed' })
  @ApiOkResponse({ type: AttendanceAnswerDto })
  recordAttendance(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionParamsDto,
    @Body() body: AttendanceDto,
  ) {
    return this.attendance.execute({
      principal,
      sessionId: params.sessionId,
      registrationId: body.registrationId,
      attended: body.attended,
      correlationId: RequestContext.correlationId(),
    });
  }
}
