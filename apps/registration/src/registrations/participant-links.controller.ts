import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiGoneResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, RateLimited, RequestContext } from '@respire/platform';
import { CLOCK, Clock } from '../clock/clock';
import { LINK_ACTIONS, LinkAction, LinkTokens } from '../links/link-token';
import { renderLinkPage } from '../links/link-page';
import { LinkExpiredError } from './domain/registration-errors';
import { FeedbackDto, linkActionBodySchema, linkTokenSchema, RegistrationParamsDto } from './dto/registration.request.dto';
import { CancelRegistrationUseCase } from './use-cases/cancel-registration/cancel-registration.use-case';
import { RespondToOfferUseCase } from './use-cases/respond-to-offer/respond-to-offer.use-case';
import { SubmitFeedbackUseCase } from './use-cases/submit-feedback/submit-feedback.use-case';

/**
 * What participants do from the links in their mails: GET shows a page (mail scanners that
 * prefetch links change nothing), POST acts. The token is in the body (`{token}`) or `?token=`.
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
  ) {}

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Participant cancels their registration (or leaves the waitlist)' })
  @ApiGoneResponse({ description: 'already cancelled, or the session has started' })
  async cancelRegistration(@Param() params: RegistrationParamsDto, @Body() body: unknown, @Query('token') token?: string) {
    const { tenantId } = this.verify(params.id, 'cancel', this.tokenOf(body, token));
    const result = await this.cancel.execute({
      tenantId,
      registrationId: params.id,
      by: 'participant',
      reason: null,
      correlationId: RequestContext.correlationId(),
    });
    return { id: result.id, status: result.status, message: 'Votre inscription est annulée. Merci de nous avoir prévenus.' };
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Participant accepts the seat offered to them' })
  @ApiGoneResponse({ description: 'the offer expired or was already answered' })
  async accept(@Param() params: RegistrationParamsDto, @Body() body: unknown, @Query('token') token?: string) {
    const { tenantId } = this.verify(params.id, 'accept', this.tokenOf(body, token));
    const result = await this.respond.execute({ tenantId, registrationId: params.id, answer: 'accept', correlationId: RequestContext.correlationId() });
    return { ...result, message: 'C’est confirmé : la place est à vous. Vous allez recevoir une confirmation par e-mail.' };
  }

  @Post(':id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Participant declines the seat offered to them (it goes to the next person)' })
  async decline(@Param() params: RegistrationParamsDto, @Body() body: unknown, @Query('token') token?: string) {
    const { tenantId } = this.verify(params.id, 'decline', this.tokenOf(body, token));
    const result = await this.respond.execute({ tenantId, registrationId: params.id, answer: 'decline', correlationId: RequestContext.correlationId() });
    return { ...result, message: 'C’est noté : la place est proposée à la personne suivante. Merci !' };
  }

  @Post(':id/feedback')
  @HttpCode(200)
  @ApiOperation({ summary: 'Participant gives feedback after attending (once); stored without their identity' })
  @ApiOkResponse({ description: '{received: true}' })
  async giveFeedback(@Param() params: RegistrationParamsDto, @Body() body: FeedbackDto, @Query('token') token?: string) {
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
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiOperation({ summary: 'The page a participant link opens: explains the action and asks to confirm it' })
  page(@Param('id') id: string, @Param('action') action: string, @Query('token') token?: string): string {
    if (!(LINK_ACTIONS as readonly string[]).includes(action)) return renderLinkPage({ kind: 'invalid' });
    try {
      this.verify(id, action as LinkAction, token);
    } catch (error) {
      if (error instanceof LinkExpiredError) return renderLinkPage({ kind: 'expired', message: error.message });
      return renderLinkPage({ kind: 'invalid' });
    }
    return renderLinkPage({ kind: 'action', action: action as LinkAction });
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
