import { Body, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PRACTICE_MODES, PROFESSIONS, PRACTICE_MODE_NAMES, PROFESSION_NAMES } from '@respire/contracts';
import { MY_REGISTRATIONS_PAGE } from '@respire/platform';
import { WEB_CONFIG, WebEnv } from '../config/env.schema';
import { FormTokens } from '../http/form-tokens';
import { PageController } from '../http/page-controller';
import { LinkExpiredPage } from '../http/page-errors';
import { onBehalfOf, postedForm } from '../http/page-request';
import { FieldError, PersonalDetails, serviceFieldErrors } from '../registration/domain/registration-form';
import { CatalogClient, PublicTenant } from '../upstream/catalog.client';
import { ErrorBody, OwnPage, RegistrationClient } from '../upstream/registration.client';
import { OnBehalfOf } from '../upstream/upstream.client';
import { formErrorsView, formPageTitle } from '../views/form-errors';
import { PageRenderer } from '../views/page-renderer';
import { myRegistrationsView } from './domain/my-registrations-view';
import { parseOwnDetails } from './domain/own-details-form';

const DETAILS_PAGE = `${MY_REGISTRATIONS_PAGE}/coordonnees`;
const ERASE_PAGE = `${MY_REGISTRATIONS_PAGE}/effacer`;

interface Opened {
  token: string;
  page: OwnPage;
  tenant: PublicTenant | null;
}

/**
 * The page a mailed "my registrations" link opens (`/mes-inscriptions?token=…`): the person's
 * current registrations, each with the link page that cancels it (or accepts, declines an
 * offer), and their details, which `/mes-inscriptions/coordonnees` lets them correct. Never
 * framed, never cached, never indexed.
 */
@PageController(MY_REGISTRATIONS_PAGE.slice(1))
export class MyRegistrationsController {
  constructor(
    private readonly registration: RegistrationClient,
    private readonly catalog: CatalogClient,
    private readonly pages: PageRenderer,
    private readonly forms: FormTokens,
    @Inject(WEB_CONFIG) private readonly config: WebEnv,
  ) {}

  @Get()
  async list(
    @Query('token') token: unknown,
    @Query('enregistre') saved: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.showOpened(token, request, reply, ({ page, tenant, token: own }) =>
      this.pages.send(
        reply,
        'my-registrations',
        {
          saved: saved === '1',
          view: myRegistrationsView(page, tenant?.timezone ?? 'Europe/Paris'),
          editUrl: withToken(DETAILS_PAGE, own),
          eraseUrl: withToken(ERASE_PAGE, own),
          homeUrl: tenant ? `/${tenant.slug}` : null,
        },
        { tenant, title: 'Mes inscriptions' },
      ),
    );
  }

  @Get('coordonnees')
  async editDetails(
    @Query('token') token: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.showOpened(token, request, reply, (opened) =>
      this.renderDetails(reply, opened, opened.page.participant, []),
    );
  }

  @Post('coordonnees')
  async saveDetails(@Body() rawBody: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const body = postedForm(request, rawBody);
    const who = onBehalfOf(request, this.config.TRUST_PROXY);
    const opened = await this.open(body.token, who);
    if (!opened) return this.invalid(reply);
    const parsed = parseOwnDetails(body);
    if (!this.forms.verify(body._csrf, DETAILS_PAGE)) {
      return this.renderDetails(
        reply,
        opened,
        parsed.values,
        [{ field: 'firstName', message: 'La page a expiré : vérifiez vos coordonnées et renvoyez-les' }],
        400,
      );
    }
    if (!parsed.ok) return this.renderDetails(reply, opened, parsed.values, parsed.errors, 400);
    const answer = await this.registration.correctDetails(opened.token, parsed.values, who);
    if (answer.status === 410) throw new LinkExpiredPage((answer.body as ErrorBody).message);
    if (answer.status === 400) {
      const refusal = answer.body as ErrorBody;
      const errors = refusal.fields?.length
        ? serviceFieldErrors(refusal.fields)
        : [{ field: 'firstName' as const, message: refusal.message }];
      return this.renderDetails(reply, opened, parsed.values, errors, 400);
    }
    if (answer.status !== 200) return this.invalid(reply);
    // After a POST, a GET: reloading the page does not send the form again.
    return reply
      .header('cache-control', 'no-store')
      .redirect(`${withToken(MY_REGISTRATIONS_PAGE, opened.token)}&enregistre=1`, 303);
  }

  /** "Effacer mes données": a GET only asks (mail scanners open links), the button POSTs. */
  @Get('effacer')
  async confirmErasure(
    @Query('token') token: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.showOpened(token, request, reply, (opened) => this.renderErasure(reply, opened, null));
  }

  @Post('effacer')
  async erase(@Body() rawBody: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const body = postedForm(request, rawBody);
    const who = onBehalfOf(request, this.config.TRUST_PROXY);
    const token = typeof body.token === 'string' && body.token.length <= 200 ? body.token : '';
    if (!token) return this.invalid(reply);
    if (!this.forms.verify(body._csrf, ERASE_PAGE)) {
      const opened = await this.open(token, who);
      if (!opened) return this.erased(reply);
      return this.renderErasure(reply, opened, 'La page a expiré : confirmez à nouveau', 400);
    }
    const answer = await this.registration.erase(token, who);
    if (answer.status === 410) throw new LinkExpiredPage((answer.body as ErrorBody).message);
    if (answer.status === 409) {
      const opened = await this.open(token, who);
      if (!opened) return this.invalid(reply);
      return this.renderErasure(reply, opened, (answer.body as ErrorBody).message, 409);
    }
    if (answer.status !== 200) return this.invalid(reply);
    return this.erased(reply);
  }

  private renderErasure(reply: FastifyReply, opened: Opened, problem: string | null, status = 200) {
    return this.pages.send(
      reply,
      'erase-data',
      {
        action: ERASE_PAGE,
        csrf: this.forms.issue(ERASE_PAGE),
        token: opened.token,
        backUrl: withToken(MY_REGISTRATIONS_PAGE, opened.token),
        email: opened.page.participant.email,
        upcoming: opened.page.registrations.length,
        problem,
        errorList: problem ? [{ href: '#erase', message: problem }] : [],
      },
      { tenant: opened.tenant, title: formPageTitle('Effacer mes données', problem !== null), status },
    );
  }

  private erased(reply: FastifyReply) {
    return this.pages.sendMessage(
      reply,
      {
        heading: 'Vos données sont effacées',
        paragraphs: [
          'Votre nom, votre adresse e-mail, vos coordonnées et vos liens ont été effacés de Respire. Vos participations passées restent comptées dans les statistiques, sans rien qui vous désigne.',
          'Si vous vous inscrivez de nouveau avec la même adresse, vous serez une nouvelle personne pour la CPTS.',
        ],
      },
      { tenant: null },
    );
  }

  /** A GET of a page behind the token: `show` it, or say the link is not valid. */
  private async showOpened(
    token: unknown,
    request: FastifyRequest,
    reply: FastifyReply,
    show: (opened: Opened) => FastifyReply,
  ): Promise<FastifyReply> {
    const opened = await this.open(token, onBehalfOf(request, this.config.TRUST_PROXY));
    return opened ? show(opened) : this.invalid(reply);
  }

  /** The page behind a token: null for one that is not genuine; the "Lien expiré" page once expired. */
  private async open(token: unknown, who: OnBehalfOf): Promise<Opened | null> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 200) return null;
    const answer = await this.registration.ownPage(token, who);
    if (answer.status === 410) throw new LinkExpiredPage((answer.body as ErrorBody).message);
    if (answer.status !== 200) return null;
    const page = answer.body as OwnPage;
    const tenant = page.tenantSlug ? await this.catalog.tenant(page.tenantSlug, who) : null;
    return { token, page, tenant };
  }

  private renderDetails(
    reply: FastifyReply,
    opened: Opened,
    values: PersonalDetails,
    errors: FieldError[],
    status = 200,
  ) {
    return this.pages.send(
      reply,
      'own-details',
      {
        action: DETAILS_PAGE,
        csrf: this.forms.issue(DETAILS_PAGE),
        token: opened.token,
        backUrl: withToken(MY_REGISTRATIONS_PAGE, opened.token),
        values,
        professions: PROFESSIONS.map((value) => ({ value, label: PROFESSION_NAMES[value].one })),
        practiceModes: PRACTICE_MODES.map((value) => ({ value, label: PRACTICE_MODE_NAMES[value] })),
        ...formErrorsView(errors),
      },
      { tenant: opened.tenant, title: formPageTitle('Modifier mes coordonnées', errors.length > 0), status },
    );
  }

  private invalid(reply: FastifyReply) {
    return this.pages.sendInvalidLink(
      reply,
      'Utilisez le lien reçu par e-mail, sans le modifier, ou demandez-en un nouveau depuis le programme de votre CPTS.',
    );
  }
}

/** A page of the person's own, opened with their token. */
function withToken(page: string, token: string): string {
  return `${page}?token=${encodeURIComponent(token)}`;
}
