import { Body, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { certificatePath, ParticipantLinkAction } from '@respire/platform';
import { WEB_CONFIG, WebEnv } from '../config/env.schema';
import { FormTokens } from '../http/form-tokens';
import { PageController } from '../http/page-controller';
import { LinkExpiredPage, PageNotFoundError } from '../http/page-errors';
import { isUuid, onBehalfOf, postedForm } from '../http/page-request';
import { CatalogClient, PublicTenant } from '../upstream/catalog.client';
import { ErrorBody, LinkedRegistration, RegistrationClient } from '../upstream/registration.client';
import { OnBehalfOf } from '../upstream/upstream.client';
import { PageRenderer } from '../views/page-renderer';
import { actionOfPage, linkedSessionView, linkPageText } from './link-pages';

interface FeedbackTyped {
  rating: number | null;
  comment: string;
  quoteConsent: boolean;
}

/**
 * The pages participant links open (`/inscriptions/:id/annuler?token=…`, accepter, decliner,
 * avis): GET shows the registration and a button, never acts; the button POSTs a plain form.
 */
@PageController('inscriptions/:id/:page')
export class LinkPagesController {
  constructor(
    private readonly registration: RegistrationClient,
    private readonly catalog: CatalogClient,
    private readonly pages: PageRenderer,
    private readonly forms: FormTokens,
    @Inject(WEB_CONFIG) private readonly config: WebEnv,
  ) {}

  @Get()
  async show(
    @Param('id') id: string,
    @Param('page') page: string,
    @Query('token') token: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const action = this.actionOf(id, page);
    const who = onBehalfOf(request, this.config.TRUST_PROXY);
    const linked = await this.linked(id, token, who);
    if (!linked) return this.invalid(reply);
    return this.render(reply, request, action, linked.registration, linked.tenant, String(token), {});
  }

  @Post()
  async act(
    @Param('id') id: string,
    @Param('page') page: string,
    @Body() rawBody: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const action = this.actionOf(id, page);
    const body = postedForm(request, rawBody);
    const who = onBehalfOf(request, this.config.TRUST_PROXY);
    const linked = await this.linked(id, body.token, who);
    if (!linked) return this.invalid(reply);
    const token = String(body.token);
    const feedback = action === 'feedback' ? feedbackOf(body) : undefined;
    if (!this.forms.verify(body._csrf, request.url.split('?')[0])) {
      return this.render(
        reply,
        request,
        action,
        linked.registration,
        linked.tenant,
        token,
        { form: 'La page a expiré : renvoyez le formulaire' },
        feedback,
        400,
      );
    }
    if (feedback && feedback.rating === null) {
      return this.render(
        reply,
        request,
        action,
        linked.registration,
        linked.tenant,
        token,
        { rating: 'Choisissez une note de 1 à 5' },
        feedback,
        400,
      );
    }
    const answer = await this.registration.act(
      id,
      action,
      feedback
        ? {
            token,
            rating: feedback.rating!,
            comment: feedback.comment || null,
            quoteConsent: feedback.quoteConsent,
          }
        : { token },
      who,
    );
    if (answer.status === 403 || answer.status === 404) return this.invalid(reply);
    if (answer.status === 400 && feedback) {
      const comment = answer.body.fields?.find((f) => f.path === 'comment')?.message;
      return this.render(
        reply,
        request,
        action,
        linked.registration,
        linked.tenant,
        token,
        comment ? { comment } : { rating: answer.body.message ?? 'Vérifiez votre avis' },
        feedback,
        400,
      );
    }
    const done = answer.status === 200;
    return this.pages.sendMessage(
      reply,
      {
        heading: done ? 'C’est fait' : 'Action impossible',
        paragraphs: [answer.body.message ?? ''],
        homeUrl: linked.tenant ? `/${linked.tenant.slug}` : null,
      },
      { tenant: linked.tenant, status: done ? 200 : answer.status },
    );
  }

  private actionOf(id: string, page: string): ParticipantLinkAction {
    const action = actionOfPage(page);
    if (!action || !isUuid(id)) throw new PageNotFoundError();
    return action;
  }

  private async linked(
    id: string,
    token: unknown,
    who: OnBehalfOf,
  ): Promise<{ registration: LinkedRegistration; tenant: PublicTenant | null } | null> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 200) return null;
    const answer = await this.registration.linked(id, token, who);
    if (answer.status === 410) throw new LinkExpiredPage((answer.body as ErrorBody).message);
    if (answer.status !== 200) return null;
    const registration = answer.body as LinkedRegistration;
    const tenant = registration.tenantSlug ? await this.catalog.tenant(registration.tenantSlug, who) : null;
    return { registration, tenant };
  }

  private invalid(reply: FastifyReply) {
    return this.pages.sendInvalidLink(
      reply,
      'Utilisez le lien reçu par e-mail, sans le modifier, ou contactez votre CPTS.',
    );
  }

  private render(
    reply: FastifyReply,
    request: FastifyRequest,
    action: ParticipantLinkAction,
    registration: LinkedRegistration,
    tenant: PublicTenant | null,
    token: string,
    errors: Record<string, string>,
    feedback: FeedbackTyped = { rating: null, comment: '', quoteConsent: false },
    status = 200,
  ) {
    const text = linkPageText(action, registration);
    const path = request.url.split('?')[0];
    const errorList = Object.entries(errors).map(([field, message]) => ({
      href: field === 'form' ? '#contenu' : `#field-${field}`,
      message,
    }));
    return this.pages.send(
      reply,
      'link',
      {
        heading: text.heading,
        paragraphs: text.paragraphs,
        session: linkedSessionView(registration),
        errors,
        errorList,
        homeUrl: tenant ? `/${tenant.slug}` : null,
        certificateUrl:
          registration.status === 'attended'
            ? `${certificatePath(registration.id)}?token=${encodeURIComponent(token)}`
            : null,
        form: text.button
          ? {
              action: path,
              csrf: this.forms.issue(path),
              token,
              button: text.button,
              warning: text.warning ?? false,
              feedback: action === 'feedback',
              ratings: [1, 2, 3, 4, 5].map((value) => ({ value, checked: feedback.rating === value })),
              comment: feedback.comment,
              quoteConsent: feedback.quoteConsent,
            }
          : null,
      },
      { tenant, title: `${errorList.length ? 'Erreur : ' : ''}${text.heading}`, status },
    );
  }
}

function feedbackOf(body: Record<string, unknown>): FeedbackTyped {
  const rating = Number(body.rating);
  return {
    rating: Number.isInteger(rating) && rating >= 1 && rating <= 5 ? rating : null,
    comment: typeof body.comment === 'string' ? body.comment.slice(0, 2000) : '',
    quoteConsent: body.quoteConsent === 'oui',
  };
}
