import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Redirect } from '@nestjs/common';
import { ApiFoundResponse, ApiGoneResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  PARTICIPANT_LINK_PAGES,
  participantLinkPath,
  Public,
  RateLimited,
  RequestContext,
  CLOCK,
  Clock,
} from '@respire/platform';
import { RegistrationEnv } from '../config/env.schema';
import { REGISTRATION_CONFIG } from '../config/registration-config';
import { LinkAction, LinkTokens } from '../links/link-token';
import {
  FeedbackDto,
  linkActionBodySchema,
  linkTokenSchema,
  RegistrationParamsDto,
} from './dto/registration.request.dto';
import { CancelRegistrationUseCase } from './use-cases/cancel-registration/cancel-registration.use-case';
import { ReadRegistrationUseCase } from './use-cases/read-registration/read-registration.use-case';
import { RespondToOfferUseCase } from './use-cases/respond-to-offer/respond-to-offer.use-case';
import { SubmitFeedbackUseCase } from './use-cases/submit-feedback/submit-feedback.use-case';

/**
 * What participants do from the links in their mails, which open the web app's link pages: they
 * read the registration (GET `:id`) and POST the action here. The token is in the body
 * (`{token}`) or `?token=`.
 * A token that is not genuine, or for another registration → 403; one past its expiry
 * (links/link-expiry.ts) → 410 `link_expired`; one whose action is no longer possible (already
 * cancelled, offer expired, feedback given) → 410.
 */
@ApiTags('public')
@Controller('public/registrations')
@Public()
@RateLimited()
export class ParticipantLinksController {
  constructor(
    private readonly tokens: LinkTokens,
    private readonly cancel: CancelRegistrationUseCase,
    private readonly respond: RespondToOfferUseCase,
    private readonly feedback: SubmitFeedbackUseCase,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly read: ReadRegistrationUseCase,
    @Inject(REGISTRATION_CONFIG) private readonly config: RegistrationEnv,
  ) {}

  @Get(':id')
  @ApiOperation({
    summary:
      "The registration a participant link is for (status, session, CPTS): any of the registration's link tokens reads it",
  })
  @ApiOkResponse({
    description: '{id, status, tenantSlug, waitlistPosition?, offerExpiresAt?, feedbackGiven, session}',
  })
  async show(@Param() params: RegistrationParamsDto, @Query('token') token?: string) {
    const { tenantId } = this.tokens.verifyHolder(
      linkTokenSchema.parse({ token }).token,
      params.id,
      this.clock.now(),
    );
    return this.read.execute(tenantId, params.id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Participant cancels their registration (or leaves the waitlist)' })
  @ApiGoneResponse({ description: 'already cancelled, or the session has started' })
  async cancelRegistration(
    @Param() params: RegistrationParamsDto,
    @Body() body: unknown,
    @Query('token') token?: string,
  ) {
    const { tenantId } = this.verify(params.id, 'cancel', this.tokenOf(body, token));
    const result = await this.cancel.execute({
      tenantId,
      registrationId: params.id,
      by: 'participant',
      reason: null,
      correlationId: RequestContext.correlationId(),
    });
    return {
      id: result.id,
      status: result.status,
      message: 'Votre inscription est annulée. Merci de nous avoir prévenus.',
    };
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Participant accepts the seat offered to them' })
  @ApiGoneResponse({ description: 'the offer expired or was already answered' })
  async accept(
    @Param() params: RegistrationParamsDto,
    @Body() body: unknown,
    @Query('token') token?: string,
  ) {
    const { tenantId } = this.verify(params.id, 'accept', this.tokenOf(body, token));
    const result = await this.respond.execute({
      tenantId,
      registrationId: params.id,
      answer: 'accept',
      correlationId: RequestContext.correlationId(),
    });
    return {
      ...result,
      message: 'C’est confirmé : la place est à vous. Vous allez recevoir une confirmation par e-mail.',
    };
  }

  @Post(':id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Participant declines the seat offered to them (it goes to the next person)' })
  async decline(
    @Param() params: RegistrationParamsDto,
    @Body() body: unknown,
    @Query('token') token?: string,
  ) {
    const { tenantId } = this.verify(params.id, 'decline', this.tokenOf(body, token));
    const result = await this.respond.execute({
      tenantId,
      registrationId: params.id,
      answer: 'decline',
      correlationId: RequestContext.correlationId(),
    });
    return { ...result, message: 'C’est noté : la place est proposée à la personne suivante. Merci !' };
  }

  @Post(':id/feedback')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Participant gives feedback after attending (once); stored without their identity',
  })
  @ApiOkResponse({ description: '{received: true}' })
  async giveFeedback(
    @Param() params: RegistrationParamsDto,
    @Body() body: FeedbackDto,
    @Query('token') token?: string,
  ) {
    const { tenantId } = this.verify(params.id, 'feedback', body.token ?? token);
    await this.feedback.execute({
      tenantId,
      registrationId: params.id,
      rating: body.rating,
      comment: body.comment ?? null,
      quoteConsent: body.quoteConsent,
    });
    return { received: true, message: 'Merci pour votre retour !' };
  }

  @Get(':id/:action')
  @Redirect()
  @ApiOperation({
    summary: 'Links mailed before the web app served them: redirects to its link page (a GET never acts)',
  })
  @ApiFoundResponse({ description: "Location: the web app's page for this link" })
  legacyPage(@Param('id') id: string, @Param('action') action: string, @Query('token') token?: string) {
    const known = (Object.keys(PARTICIPANT_LINK_PAGES) as string[]).includes(action)
      ? (action as Exclude<LinkAction, 'certificate'>)
      : 'cancel';
    const query = token ? `?token=${encodeURIComponent(token)}` : '';
    return {
      url: `${this.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}${participantLinkPath(id, known)}${query}`,
      statusCode: 302,
    };
  }

  private verify(registrationId: string, action: LinkAction, token: string | undefined) {
    const parsed = linkTokenSchema.parse({ token });
    return this.tokens.verify(parsed.token, { registrationId, action }, this.clock.now());
  }

  /** The token from an optional JSON body, else from the query string. */
  private tokenOf(body: unknown, query: string | undefined): string | undefined {
    return linkActionBodySchema.optional().parse(body ?? undefined)?.token ?? query;
  }
}
