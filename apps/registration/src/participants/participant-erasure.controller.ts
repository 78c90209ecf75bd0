import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Public, RateLimited, RequestContext } from '@respire/platform';
import { Authenticated, CurrentPrincipal, Principal, Role } from '@respire/tenancy';
import { ErasureAnswerDto, OwnErasureDto, ParticipantParamsDto } from './dto/erasure.dto';
import { EraseParticipantUseCase } from './use-cases/erase-participant/erase-participant.use-case';

const BLOCKED = 'upcoming_registrations: the person holds a place in a session to come; cancel it first';

/** Erasure of a participant's personal data (GDPR art. 17): by a coordinator, or by the person. */
@ApiTags('participants')
@Controller()
export class ParticipantErasureController {
  constructor(private readonly erase: EraseParticipantUseCase) {}

  @Post('participants/:id/erase')
  @HttpCode(200)
  @Authenticated(Role.Coordinator)
  @ApiOperation({
    summary:
      "Erase a participant's personal data on their behalf; registration.participant-erased tells every service. Idempotent",
  })
  @ApiOkResponse({ type: ErasureAnswerDto })
  @ApiNotFoundResponse({ description: 'participant_not_found' })
  @ApiConflictResponse({ description: BLOCKED })
  byCoordinator(@CurrentPrincipal() principal: Principal, @Param() params: ParticipantParamsDto) {
    return this.erase.byCoordinator(principal.tenantId!, params.id, RequestContext.correlationId());
  }

  @Post('public/participants/me/erase')
  @HttpCode(200)
  @Public()
  @RateLimited()
  @ApiTags('public')
  @ApiOperation({
    summary: '"Effacer mes données" from "my registrations" (token of the mailed access link). Idempotent',
  })
  @ApiOkResponse({ type: ErasureAnswerDto })
  @ApiConflictResponse({ description: BLOCKED })
  byThemselves(@Body() body: OwnErasureDto) {
    return this.erase.byOwnLink(body.token, RequestContext.correlationId());
  }
}
