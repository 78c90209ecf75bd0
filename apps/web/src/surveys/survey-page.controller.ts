import { Body, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { surveyPagePath } from '@respire/platform';
import { WEB_CONFIG, WebEnv } from '../config/env.schema';
import { FormTokens } from '../http/form-tokens';
import { PageController } from '../http/page-controller';
import { PageNotFoundError } from '../http/page-errors';
import { isSlug, isUuid, onBehalfOf, postedForm } from '../http/page-request';
import { CatalogClient, PublicTenant } from '../upstream/catalog.client';
import { PublicSurvey, SurveysClient } from '../upstream/surveys.client';
import { OnBehalfOf } from '../upstream/upstream.client';
import { formErrorsView, formPageTitle } from '../views/form-errors';
import { PageRenderer, RenderedPage, writePage } from '../views/page-renderer';
import { answerBody, formErrors, questionViews, SurveyFieldError, SurveyValues } from './domain/survey-form';

/**
 * An anonymous survey's public page: the questions (GET, the same for everyone), then one POST.
 * No cookie, no identity: the answer goes to the service without anything about the person, and
 * the page asks (does not enforce) one answer per person.
 */
@PageController(':slug/enquetes/:surveyId')
export class SurveyPageController {
  constructor(
    private readonly catalog: CatalogClient,
    private readonly surveys: SurveysClient,
    private readonly pages: PageRenderer,
    private readonly forms: FormTokens,
    @Inject(WEB_CONFIG) private readonly config: WebEnv,
  ) {}

  @Get()
  async show(
    @Param('slug') slug: string,
    @Param('surveyId') surveyId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const { tenant, survey } = await this.load(slug, surveyId, onBehalfOf(request, this.config.TRUST_PROXY));
    return writePage(reply, this.render(slug, tenant, survey, {}, []));
  }

  @Post()
  async answer(
    @Param('slug') slug: string,
    @Param('surveyId') surveyId: string,
    @Body() rawBody: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const body = postedForm(request, rawBody);
    const who = onBehalfOf(request, this.config.TRUST_PROXY);
    const { tenant, survey } = await this.load(slug, surveyId, who);
    const { values, answer } = answerBody(survey, body);
    if (!this.forms.verify(body._csrf, surveyPagePath(slug, surveyId))) {
      const expired = [
        {
          field: `q-${survey.questions[0].id}`,
          message: 'Le formulaire a expiré : vérifiez vos réponses et renvoyez-le',
        },
      ];
      return writePage(reply, this.render(slug, tenant, survey, values, expired, 400));
    }
    const sent = await this.surveys.answer(slug, surveyId, answer, who);
    if (sent.status === 201) {
      return this.pages.send(
        reply,
        'survey-thanks',
        { slug, title: survey.title },
        { tenant, title: 'Merci pour vos réponses' },
      );
    }
    if (sent.status === 404) throw new PageNotFoundError();
    const refusal = sent.body as {
      message: string;
      details?: { fields?: { field: string; message: string }[] };
    };
    const errors = refusal.details?.fields
      ? formErrors(refusal.details.fields)
      : [{ field: `q-${survey.questions[0].id}`, message: refusal.message }];
    return writePage(reply, this.render(slug, tenant, survey, values, errors, 400));
  }

  private async load(
    slug: string,
    surveyId: string,
    who: OnBehalfOf,
  ): Promise<{ tenant: PublicTenant; survey: PublicSurvey }> {
    if (!isSlug(slug) || !isUuid(surveyId)) throw new PageNotFoundError();
    const [tenant, survey] = await Promise.all([
      this.catalog.tenant(slug, who),
      this.surveys.survey(slug, surveyId, who),
    ]);
    if (!tenant || survey.status !== 200) throw new PageNotFoundError();
    return { tenant, survey: survey.body };
  }

  private render(
    slug: string,
    tenant: PublicTenant,
    survey: PublicSurvey,
    values: SurveyValues,
    errors: SurveyFieldError[],
    status = 200,
  ): RenderedPage {
    const action = surveyPagePath(slug, survey.surveyId);
    const shown = formErrorsView(errors);
    return this.pages.render(
      'survey',
      {
        slug,
        action,
        csrf: this.forms.issue(action),
        tenantName: tenant.name,
        survey,
        ...questionViews(survey, values, shown.errors),
        errorList: shown.errorList,
      },
      { tenant, title: formPageTitle(survey.title, errors.length > 0), status },
    );
  }
}
