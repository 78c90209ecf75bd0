import { Body, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PRACTICE_MODES, PROFESSIONS, PRACTICE_MODE_NAMES, PROFESSION_NAMES } from '@respire/contracts';
import { WEB_CONFIG, WebEnv } from '../config/env.schema';
import { FormTokens } from '../http/form-tokens';
import { PageCache } from '../http/page-cache';
import { PageController } from '../http/page-controller';
import { PageNotFoundError } from '../http/page-errors';
import { isSlug, isUuid, onBehalfOf, postedForm } from '../http/page-request';
import { audience, paymentText, price } from '../programme/domain/french';
import { sessionLine } from '../programme/domain/programme-view';
import { CatalogClient, PublicSession, PublicTenant } from '../upstream/catalog.client';
import { ErrorBody, RegistrationClient, SessionOutcome } from '../upstream/registration.client';
import { OnBehalfOf } from '../upstream/upstream.client';
import { formErrorsView, formPageTitle } from '../views/form-errors';
import { PageRenderer, RenderedPage, writePage } from '../views/page-renderer';
import {
  emptyValues,
  FieldError,
  parseRegistrationForm,
  serviceFieldErrors,
  submissionKey,
  TypedValues,
} from './domain/registration-form';

interface FormPage {
  slug: string;
  tenant: PublicTenant;
  sessions: PublicSession[];
  embed: boolean;
}

/**
 * Registration to one or several dates of an activity: the form (GET, the same for everyone,
 * served from PageCache), then one POST that registers to every date ticked and answers where the
 * person stands on each. Its Idempotency-Key is derived from the submission (submissionKey), so
 * that sending it twice, or reloading the answer, registers once.
 */
@PageController(':slug/activites/:activityId/inscription')
export class RegistrationFormController {
  constructor(
    private readonly catalog: CatalogClient,
    private readonly registration: RegistrationClient,
    private readonly pages: PageRenderer,
    private readonly cache: PageCache,
    private readonly forms: FormTokens,
    @Inject(WEB_CONFIG) private readonly config: WebEnv,
  ) {}

  @Get()
  form(
    @Param('slug') slug: string,
    @Param('activityId') activityId: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    if (!isSlug(slug) || !isUuid(activityId)) throw new PageNotFoundError();
    const embed = query.embed === '1';
    const seance = typeof query.seance === 'string' && isUuid(query.seance) ? query.seance : '';
    return this.cache.send(request, reply, `form\0${slug}\0${activityId}\0${seance}\0${embed}`, async () => {
      const page = await this.load(slug, activityId, onBehalfOf(request, this.config.TRUST_PROXY), embed);
      const preselected = page.sessions.some((s) => s.id === seance) ? [seance] : [];
      return this.render(request, page, emptyValues(preselected), []);
    });
  }

  @Post()
  async submit(
    @Param('slug') slug: string,
    @Param('activityId') activityId: string,
    @Body() rawBody: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const body = postedForm(request, rawBody);
    const who = onBehalfOf(request, this.config.TRUST_PROXY);
    const page = await this.load(slug, activityId, who, body.embed === '1');
    const parsed = parseRegistrationForm(body, page.sessions);
    if (!this.forms.verify(body._csrf, request.url.split('?')[0])) {
      const expired: FieldError[] = [
        { field: 'sessionIds', message: 'Le formulaire a expiré : vérifiez vos informations et renvoyez-le' },
      ];
      return writePage(reply, this.render(request, page, parsed.values, expired, 400));
    }
    if (!parsed.ok) return writePage(reply, this.render(request, page, parsed.values, parsed.errors, 400));

    const key = submissionKey(body._csrf as string, parsed.sessionIds, parsed.form);
    const answer = await this.registration.register(slug, parsed.sessionIds, parsed.form, key, who);
    if (answer.status === 201 || answer.status === 200) {
      const { registrations } = answer.body as { registrations: SessionOutcome[] };
      return this.answer(reply, page, registrations);
    }
    const refusal = answer.body as ErrorBody;
    if (answer.status === 404) throw new PageNotFoundError();
    const errors = refusal.fields?.length
      ? serviceFieldErrors(refusal.fields)
      : [{ field: 'sessionIds' as const, message: refusal.message }];
    return writePage(reply, this.render(request, page, parsed.values, errors, 400));
  }

  private async load(slug: string, activityId: string, who: OnBehalfOf, embed: boolean): Promise<FormPage> {
    if (!isSlug(slug) || !isUuid(activityId)) throw new PageNotFoundError();
    const [tenant, programme] = await Promise.all([
      this.catalog.tenant(slug, who),
      this.catalog.programme(slug, who),
    ]);
    if (!tenant || !programme) throw new PageNotFoundError();
    const sessions = programme.filter(
      (s) => s.activity.id === activityId && s.status === 'published' && s.registrationOpen,
    );
    if (sessions.length === 0) throw new PageNotFoundError('no date open for registration');
    return { slug, tenant, sessions, embed };
  }

  private render(
    request: FastifyRequest,
    page: FormPage,
    values: TypedValues,
    errors: FieldError[],
    status = 200,
  ): RenderedPage {
    const action = request.url.split('?')[0];
    const activity = page.sessions[0].activity;
    const first = page.sessions[0];
    return this.pages.render(
      'registration-form',
      {
        slug: page.slug,
        embed: page.embed,
        action,
        csrf: this.forms.issue(action),
        tenantName: page.tenant.name,
        activity: {
          title: activity.title,
          objective: activity.objective,
          audience: audience(first.eligibleProfessions, first.eligiblePracticeModes ?? []),
          price: price(first.priceCents),
          payment: first.priceCents > 0 ? paymentText(page.tenant) : null,
        },
        sessions: page.sessions.map((s) => ({
          ...sessionLine(s),
          checked: values.sessionIds.includes(s.id),
        })),
        professions: PROFESSIONS.map((value) => ({ value, label: PROFESSION_NAMES[value].one })),
        practiceModes: PRACTICE_MODES.map((value) => ({ value, label: PRACTICE_MODE_NAMES[value] })),
        values,
        ...formErrorsView(errors),
      },
      {
        tenant: page.tenant,
        title: formPageTitle(`S’inscrire : ${activity.title}`, errors.length > 0),
        status,
        embed: page.embed,
        embeddable: true,
      },
    );
  }

  private answer(reply: FastifyReply, page: FormPage, registrations: SessionOutcome[]) {
    const bySession = new Map(page.sessions.map((s) => [s.id, s]));
    const confidential = page.sessions[0].activity.confidential;
    const outcomes = registrations.map((outcome) => {
      const line = sessionLine(bySession.get(outcome.sessionId)!);
      return { ...line, kind: outcome.status, text: outcomeText(outcome, confidential) };
    });
    return this.pages.send(
      reply,
      'registration-answer',
      {
        slug: page.slug,
        embed: page.embed,
        activity: page.sessions[0].activity,
        outcomes,
        confidential,
        anyWaitlisted: registrations.some((r) => r.status === 'waitlisted'),
      },
      { tenant: page.tenant, title: 'Demande d’inscription reçue', embed: page.embed, embeddable: true },
    );
  }
}

/**
 * What the answer page says of one date. For a confidential activity it says nothing of the
 * status: the mail does (the page could otherwise hint that the address was already registered).
 */
export function outcomeText(outcome: SessionOutcome, confidential: boolean): string {
  if (outcome.status === 'refused') return outcome.message;
  if (confidential) return 'Demande reçue : la réponse vous est envoyée par e-mail';
  if (outcome.status === 'confirmed') return 'Inscription confirmée';
  return `Complet : vous êtes sur liste d’attente, position ${outcome.waitlistPosition}`;
}
