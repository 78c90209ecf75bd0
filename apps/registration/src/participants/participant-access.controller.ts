import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiGoneResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { departmentFromPostcode } from '@respire/contracts';
import { Public, RateLimited, RequestContext } from '@respire/platform';
import { PublicTenantParamsDto } from '../registrations/dto/registration.request.dto';
import {
  AccessLinkRequestDto,
  accessTokenQuerySchema,
  OwnDetailsDto,
} from './dto/participant-access.request.dto';
import { ReadOwnRegistrationsUseCase } from './use-cases/read-own-registrations/read-own-registrations.use-case';
import { RequestAccessLinkUseCase } from './use-cases/request-access-link/request-access-link.use-case';
import { UpdateOwnDetailsUseCase } from './use-cases/update-own-details/update-own-details.use-case';

/** The same answer whether or not the address is known: it must not tell. */
export const ACCESS_LINK_ANSWER = {
  message:
    'Si cette adresse a une inscription auprès de cette CPTS, un lien pour retrouver vos inscriptions vient d’y être envoyé.',
};

/**
 * "My registrations", without an account: a person asks for a link by address, and the link
 * mailed to that address opens the list of their current registrations and their details.
 */
@ApiTags('public')
@Controller('public')
@Public()
@RateLimited()
export class ParticipantAccessController {
  constructor(
    private readonly requestLink: RequestAccessLinkUseCase,
    private readonly readOwn: ReadOwnRegistrationsUseCase,
    private readonly updateOwn: UpdateOwnDetailsUseCase,
  ) {}

  @Post('tenants/:slug/access-links')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Mail the "my registrations" link to an address, if it is a participant of this CPTS (at most 3 an hour); the answer is the same for any address',
  })
  @ApiAcceptedResponse({ description: '{message}' })
  async requestAccessLink(@Param() params: PublicTenantParamsDto, @Body() body: AccessLinkRequestDto) {
    await this.requestLink.execute({
      slug: params.slug,
      email: body.email,
      correlationId: RequestContext.correlationId(),
    });
    return ACCESS_LINK_ANSWER;
  }

  @Get('participants/me')
  @ApiOperation({
    summary:
      "The page a mailed access link opens: the participant's details and current registrations, with their links",
  })
  @ApiOkResponse({
    description:
      '{tenantSlug, expiresAt, participant, registrations: [{id, status, waitlistPosition?, offerExpiresAt?, session, links}], attended: [{id, session, links: {certificate}}]}',
  })
  @ApiGoneResponse({ description: 'link_expired: the link is more than 24 hours old' })
  async own(@Query('token') token?: string) {
    return this.readOwn.execute(accessTokenQuerySchema.parse({ token }).token);
  }

  @Put('participants/me')
  @ApiOperation({
    summary:
      'The participant corrects their own name, profession, practice mode or postcode (token of the mailed access link)',
  })
  @ApiOkResponse({ description: 'the details as stored' })
  async correct(@Body() body: OwnDetailsDto) {
    const { token, ...details } = body;
    return this.updateOwn.execute(token, {
      ...details,
      department: departmentFromPostcode(details.postcode)!,
    });
  }
}
