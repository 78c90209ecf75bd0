import { Body, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ALERT_PAGES, alertRequestPath } from '@respire/platform';
import { WEB_CONFIG, WebEnv } from '../config/env.schema';
import { FormTokens } from '../http/form-tokens';
import { PageController } from '../http/page-controller';
import { PageNotFoundError } from '../http/page-errors';
import { isSlug, onBehalfOf, postedForm } from '../http/page-request';
import { CatalogClient, PublicTenant } from '../upstream/catalog.client';
import { NotificationsClient } from '../upstream/notifications.client';
import { FormError, formErrorsView, formPageTitle } from '../views/form-errors';
import { PageRenderer } from '../views/page-renderer';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface AlertFormValues {
  email: string;
  category: string;
}

/**
 * "Tell me when new sessions open": the request form (`/<slug>/alertes`), then the pages the
 * mailed links open — confirm the alert, end it — each a button (a mail scanner following a
 * link must not confirm or unsubscribe anyone). No JavaScript, no cookie.
 */
@PageController()
export class AlertPagesController {
  constructor(
    private readonly catalog: CatalogClient,
    private readonly notifications: NotificationsClient,
    private readonly pages: PageRenderer,
    private readonly forms: FormTokens,
    @Inject(WEB_CONFIG) private readonly config: WebEnv,
  ) {}

  @Get(':slug/alertes')
  async form(
    @Param('slug') slug: string,
    @Query('categorie') category: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const { tenant, categories } = await this.load(slug, request);
    return this.renderForm(
      reply,
      slug,
      tenant,
      categories,
      { email: '', category: typeof category === 'string' ? category : '' },
      [],
    );
  }

  @Post(':slug/alertes')
  async request(
    @Param('slug') slug: string,
    @Body() rawBody: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const body = postedForm(request, rawBody);
    const { tenant, categories } = await this.load(slug, request);
    const values = { email: text(body.email).trim(), category: text(body.categorie) };
    const errors: FormError[] = [];
    if (!categories.includes(values.category))
      errors.push({ field: 'categorie', message: 'Choisissez une catégorie d’ateliers' });
    if (!EMAIL.test(values.email) || values.email.length > 254)
      errors.push({
        field: 'email',
        message: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr',
      });
    if (!this.forms.verify(body._csrf, alertRequestPath(slug)))
      errors.push({ field: 'email', message: 'Le formulaire a expiré : renvoyez-le' });
    if (errors.length > 0) return this.renderForm(reply, slug, tenant, categories, values, errors, 400);
    const sent = await this.notifications.requestAlert(
      { tenant: slug, email: values.email, category: values.category },
      onBehalfOf(request, this.config.TRUST_PROXY),
    );
    if (sent.status === 404) throw new PageNotFoundError();
    if (sent.status !== 202) {
      return this.renderForm(
        reply,
        slug,
        tenant,
        categories,
        values,
        [{ field: 'email', message: 'Votre demande n’a pas pu être enregistrée : vérifiez votre adresse' }],
        400,
      );
    }
    return this.pages.sendMessage(
      reply,
      {
        heading: 'Vérifiez votre messagerie',
        paragraphs: [
          // The same words whatever happened: an address already subscribed, or mailed in the
          // last 24 hours, gets no new mail, and the page must not say which.
          `Demande enregistrée pour ${values.email}. Un lien de confirmation de votre alerte « ${values.category} » y est envoyé, au plus une fois par jour : suivez-le pour confirmer. Sans confirmation, vous ne recevrez rien ; si vous recevez déjà cette alerte, rien ne change.`,
        ],
        homeUrl: `/${slug}`,
      },
      { tenant },
    );
  }

  @Get(ALERT_PAGES.confirm.slice(1))
  confirmPage(@Query('t') token: unknown, @Res() reply: FastifyReply) {
    return this.linkPage(reply, 'confirm', token);
  }

  @Post(ALERT_PAGES.confirm.slice(1))
  confirm(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.follow(reply, request, 'confirm', body);
  }

  @Get(ALERT_PAGES.unsubscribe.slice(1))
  unsubscribePage(@Query('t') token: unknown, @Res() reply: FastifyReply) {
    return this.linkPage(reply, 'unsubscribe', token);
  }

  @Post(ALERT_PAGES.unsubscribe.slice(1))
  unsubscribe(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.follow(reply, request, 'unsubscribe', body);
  }

  private linkPage(reply: FastifyReply, action: 'confirm' | 'unsubscribe', token: unknown) {
    if (typeof token !== 'string' || !token || token.length > 500) return this.invalid(reply);
    const confirm = action === 'confirm';
    const title = confirm ? 'Confirmer votre alerte' : 'Ne plus recevoir les alertes';
    return this.pages.send(
      reply,
      'alert-link',
      {
        heading: title,
        intro: confirm
          ? 'Confirmez pour être prévenu·e par e-mail quand de nouvelles séances sont publiées. Un seul message par publication.'
          : 'Vous ne recevrez plus aucune alerte de nouvelles séances à cette adresse.',
        button: confirm ? 'Confirmer mon alerte' : 'Me désabonner',
        action: ALERT_PAGES[action],
        token,
        csrf: this.forms.issue(ALERT_PAGES[action]),
      },
      { tenant: null, title },
    );
  }

  private async follow(
    reply: FastifyReply,
    request: FastifyRequest,
    action: 'confirm' | 'unsubscribe',
    rawBody: unknown,
  ) {
    const body = postedForm(request, rawBody);
    const token = text(body.t);
    if (!token || token.length > 500) return this.invalid(reply);
    if (!this.forms.verify(body._csrf, ALERT_PAGES[action])) return this.linkPage(reply, action, token);
    const answer = await this.notifications.alertLink(
      action,
      token,
      onBehalfOf(request, this.config.TRUST_PROXY),
    );
    if (answer.status === 410)
      return this.message(
        reply,
        'Lien expiré',
        'Ce lien a expiré. Demandez une nouvelle alerte depuis le programme.',
        410,
      );
    if (answer.status !== 200) return this.invalid(reply);
    return action === 'confirm'
      ? this.message(
          reply,
          'Alerte confirmée',
          `Vous serez prévenu·e par e-mail des nouvelles séances « ${answer.body.category ?? ''} ». Chaque message contient un lien pour vous désabonner.`,
        )
      : this.message(reply, 'Vous êtes désabonné·e', 'Vous ne recevrez plus d’alertes de nouvelles séances.');
  }

  private async load(
    slug: string,
    request: FastifyRequest,
  ): Promise<{ tenant: PublicTenant; categories: string[] }> {
    if (!isSlug(slug)) throw new PageNotFoundError();
    const who = onBehalfOf(request, this.config.TRUST_PROXY);
    const [tenant, sessions] = await Promise.all([
      this.catalog.tenant(slug, who),
      this.catalog.programme(slug, who),
    ]);
    if (!tenant || !sessions) throw new PageNotFoundError();
    const categories = [...new Set(sessions.map((s) => s.activity.category))].sort((a, b) =>
      a.localeCompare(b, 'fr'),
    );
    return { tenant, categories };
  }

  private renderForm(
    reply: FastifyReply,
    slug: string,
    tenant: PublicTenant,
    categories: string[],
    values: AlertFormValues,
    errors: FormError[],
    status = 200,
  ) {
    const action = alertRequestPath(slug);
    return this.pages.send(
      reply,
      'alert-request',
      {
        slug,
        action,
        csrf: this.forms.issue(action),
        values,
        categoryOptions: categories.map((name) => ({
          value: name,
          label: name,
          selected: name === values.category,
        })),
        ...formErrorsView(errors),
      },
      { tenant, title: formPageTitle('Être prévenu·e des nouvelles séances', errors.length > 0), status },
    );
  }

  private message(reply: FastifyReply, heading: string, paragraph: string, status = 200) {
    return this.pages.sendMessage(reply, { heading, paragraphs: [paragraph] }, { tenant: null, status });
  }

  private invalid(reply: FastifyReply) {
    return this.pages.sendInvalidLink(reply, 'Utilisez le lien de votre dernier message, sans le modifier.');
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
