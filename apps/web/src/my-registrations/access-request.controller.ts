import { Body, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { WEB_CONFIG, WebEnv } from '../config/env.schema';
import { FormTokens } from '../http/form-tokens';
import { PageController } from '../http/page-controller';
import { PageNotFoundError } from '../http/page-errors';
import { isSlug, onBehalfOf, postedForm } from '../http/page-request';
import { FieldError } from '../registration/domain/registration-form';
import { CatalogClient, PublicTenant } from '../upstream/catalog.client';
import { ErrorBody, RegistrationClient } from '../upstream/registration.client';
import { formErrorsView, formPageTitle } from '../views/form-errors';
import { PageRenderer } from '../views/page-renderer';
import { parseAccessRequest } from './domain/own-details-form';

/**
 * "Retrouver mes inscriptions" (`/:slug/mes-inscriptions`): a person gives an address and is
 * told to look in that mailbox. The answer page is the same whether or not the address is
 * registered (registration mails the link only when it is), so the page cannot be used to learn
 * who takes part.
 */
@PageController(':slug/mes-inscriptions')
export class AccessRequestController {
  constructor(
    private readonly catalog: CatalogClient,
    private readonly registration: RegistrationClient,
    private readonly pages: PageRenderer,
    private readonly forms: FormTokens,
    @Inject(WEB_CONFIG) private readonly config: WebEnv,
  ) {}

  @Get()
  async form(
    @Param('slug') slug: string,
    @Query('embed') embed: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const tenant = await this.tenantOf(slug, request);
    return this.render(reply, request, tenant, embed === '1', '', []);
  }

  @Post()
  async send(
    @Param('slug') slug: string,
    @Body() rawBody: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const body = postedForm(request, rawBody);
    const tenant = await this.tenantOf(slug, request);
    const embed = body.embed === '1';
    const parsed = parseAccessRequest(body);
    if (!this.forms.verify(body._csrf, request.url.split('?')[0])) {
      const typed = parsed.ok ? parsed.email : parsed.typed;
      return this.render(
        reply,
        request,
        tenant,
        embed,
        typed,
        [{ field: 'email', message: 'La page a expiré : renvoyez le formulaire' }],
        400,
      );
    }
    if (!parsed.ok) return this.render(reply, request, tenant, embed, parsed.typed, parsed.errors, 400);
    const answer = await this.registration.requestAccessLink(
      slug,
      parsed.email,
      onBehalfOf(request, this.config.TRUST_PROXY),
    );
    if (answer.status === 404) throw new PageNotFoundError();
    if (answer.status !== 202) {
      const message = (answer.body as ErrorBody).fields?.[0]?.message ?? (answer.body as ErrorBody).message;
      return this.render(reply, request, tenant, embed, parsed.email, [{ field: 'email', message }], 400);
    }
    return this.pages.sendMessage(
      reply,
      {
        heading: 'Vérifiez votre messagerie',
        paragraphs: [
          `Si l’adresse ${parsed.email} a une inscription auprès de ${tenant.name}, un e-mail vient d’y être envoyé avec un lien vers vos inscriptions. Il fonctionne 24 heures.`,
          'Vous ne le recevez pas d’ici quelques minutes ? Regardez dans les courriers indésirables, et vérifiez que c’est bien l’adresse avec laquelle vous vous êtes inscrit·e.',
        ],
        homeUrl: `/${tenant.slug}${embed ? '?embed=1' : ''}`,
      },
      { tenant, embed, embeddable: true },
    );
  }

  private async tenantOf(slug: string, request: FastifyRequest): Promise<PublicTenant> {
    if (!isSlug(slug)) throw new PageNotFoundError();
    const tenant = await this.catalog.tenant(slug, onBehalfOf(request, this.config.TRUST_PROXY));
    if (!tenant) throw new PageNotFoundError();
    return tenant;
  }

  private render(
    reply: FastifyReply,
    request: FastifyRequest,
    tenant: PublicTenant,
    embed: boolean,
    email: string,
    errors: FieldError[],
    status = 200,
  ) {
    const action = request.url.split('?')[0];
    return this.pages.send(
      reply,
      'access-request',
      {
        slug: tenant.slug,
        embed,
        action,
        csrf: this.forms.issue(action),
        email,
        ...formErrorsView(errors),
      },
      {
        tenant,
        title: formPageTitle('Retrouver mes inscriptions', errors.length > 0),
        status,
        embed,
        embeddable: true,
      },
    );
  }
}
