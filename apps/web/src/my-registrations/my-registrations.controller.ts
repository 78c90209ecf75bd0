import { Body, Controller, Get, Inject, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PRACTICE_MODES, PROFESSIONS, PRACTICE_MODE_NAMES, PROFESSION_NAMES } from '@respire/contracts';
import { MY_REGISTRATIONS_PAGE, RateLimited } from '@respire/platform';
import { WEB_CONFIG, WebEnv } from '../config/env.schema';
import { FormTokens, postedFromOurPages } from '../http/form-tokens';
import { PageErrorFilter } from '../http/page-error.filter';
import { ForeignFormError, LinkExpiredPage } from '../http/page-errors';
import { formBody, onBehalfOf, requestOrigin } from '../http/page-request';
import { FieldError, PersonalDetails, serviceFieldErrors } from '../registration/domain/registration-form';
import { CatalogClient, PublicTenant } from '../upstream/catalog.client';
import { ErrorBody, OwnPage, RegistrationClient } from '../upstream/registration.client';
import { OnBehalfOf } from '../upstream/upstream.client';
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
@Controller(MY_REGISTRATIONS_PAGE.slice(1))
@UseFilters(PageErrorFilter)
@RateLimited({ bucket: 'pages' })
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
    const opened = await this.open(token, onBehalfOf(request, this.config.TRUST_PROXY));
    if (!opened) return this.invalid(reply);
    const { page, tenant } = opened;
    return this.pages.send(
      reply,
      'my-registrations',
      {
        saved: saved === '1',
        view: myRegistrationsView(page, tenant?.timezone ?? 'Europe/Paris'),
        editUrl: `${DETAILS_PAGE}?token=${encodeURIComponent(opened.token)}`,
        eraseUrl: `${ERASE_PAGE}?token=${encodeURIComponent(opened.token)}`,
        homeUrl: tenant ? `/${tenant.slug}` : null,
      },
      { tenant, title: 'Mes inscriptions' },
    );
  }

  @Get('coordonnees')
  async editDetails(
    @Query('token') token: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const opened = await this.open(token, onBehalfOf(request, this.config.TRUST_PROXY));
    if (!opened) return this.invalid(reply);
    return this.renderDetails(reply, opened, opened.page.participant, []);
  }

  @Post('coordonnees')
  async saveDetails(@Body() rawBody: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    if (!postedFromOurPages(requestOrigin(request))) throw new ForeignFormError();
    const body = formBody(rawBody);
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
      .redirect(`${MY_REGISTRATIONS_PAGE}?token=${encodeURIComponent(opened.token)}&enregistre=1`, 303);
  }

  /** "Effacer mes données": a GET only asks (mail scanners open links), the button POSTs. */
  @Get('effacer')
  async confirmErasure(
    @Query('token') token: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const opened = await this.open(token, onBehalfOf(request, this.config.TRUST_PROXY));
    if (!opened) return this.invalid(reply);
    return this.renderErasure(reply, opened, null);
  }

  @Post('effacer')
  async erase(@Body() rawBody: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    if (!postedFromOurPages(requestOrigin(request))) throw new ForeignFormError();
    const body = formBody(rawBody);
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
        backUrl: `${MY_REGISTRATIONS_PAGE}?token=${encodeURIComponent(opened.token)}`,
        email: opened.page.participant.email,
        upcoming: opened.page.registrations.length,
        problem,
        errorList: problem ? [{ href: '#erase', message: problem }] : [],
      },
      { tenant: opened.tenant, title: `${problem ? 'Erreur : ' : ''}Effacer mes données`, status },
    );
  }

  private erased(reply: FastifyReply) {
    const heading = 'Vos données sont effacées';
    return this.pages.send(
      reply,
      'message',
      {
        heading,
        paragraphs: [
          'Votre nom, votre adresse e-mail, vos coordonnées et vos liens ont été effacés de Respire. Vos participations passées restent comptées dans les statistiques, sans rien qui vous désigne.',
          'Si vous vous inscrivez de nouveau avec la même adresse, vous serez une nouvelle personne pour la CPTS.',
        ],
      },
      { tenant: null, title: heading },
    );
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
    const backUrl = `${MY_REGISTRATIONS_PAGE}?token=${encodeURIComponent(opened.token)}`;
    return this.pages.send(
      reply,
      'own-details',
      {
        action: DETAILS_PAGE,
        csrf: this.forms.issue(DETAILS_PAGE),
        token: opened.token,
        backUrl,
        values,
        professions: PROFESSIONS.map((value) => ({ value, label: PROFESSION_NAMES[value].one })),
        practiceModes: PRACTICE_MODES.map((value) => ({ value, label: PRACTICE_MODE_NAMES[value] })),
        errors: Object.fromEntries([...errors].reverse().map((e) => [e.field, e.message])),
        errorList: errors.map((e) => ({ href: `#field-${e.field}`, message: e.message })),
      },
      { tenant: opened.tenant, title: `${errors.length ? 'Erreur : ' : ''}Modifier mes coordonnées`, status },
    );
  }

  private invalid(reply: FastifyReply) {
    const heading = 'Lien non valide';
    return this.pages.send(
      reply,
      'message',
      {
        heading,
        paragraphs: [
          'Ce lien n’est pas valide. Utilisez le lien reçu par e-mail, sans le modifier, ou demandez-en un nouveau depuis le programme de votre CPTS.',
        ],
      },
      { tenant: null, title: heading, status: 403 },
    );
  }
}
