import { Body, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PREFERENCES_PAGE } from '@respire/platform';
import { WEB_CONFIG, WebEnv } from '../config/env.schema';
import { FormTokens } from '../http/form-tokens';
import { PageController } from '../http/page-controller';
import { onBehalfOf, postedForm } from '../http/page-request';
import { NotificationsClient, Preferences } from '../upstream/notifications.client';
import { PageRenderer } from '../views/page-renderer';

/** The preferences page a message's footer links to: reminders and feedback requests on or off. */
@PageController(PREFERENCES_PAGE.slice(1))
export class PreferencesController {
  constructor(
    private readonly notifications: NotificationsClient,
    private readonly pages: PageRenderer,
    private readonly forms: FormTokens,
    @Inject(WEB_CONFIG) private readonly config: WebEnv,
  ) {}

  @Get()
  async show(@Query('t') token: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    if (typeof token !== 'string' || !token || token.length > 500) return this.invalid(reply);
    const answer = await this.notifications.preferences(token, onBehalfOf(request, this.config.TRUST_PROXY));
    if (answer.status !== 200) return this.invalid(reply);
    return this.render(reply, token, answer.body, false);
  }

  @Post()
  async save(@Body() rawBody: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const body = postedForm(request, rawBody);
    const token = typeof body.t === 'string' && body.t.length <= 500 ? body.t : '';
    const who = onBehalfOf(request, this.config.TRUST_PROXY);
    if (!token) return this.invalid(reply);
    const wanted = { reminders: body.reminders === 'oui', feedbackRequests: body.feedbackRequests === 'oui' };
    if (!this.forms.verify(body._csrf, PREFERENCES_PAGE)) return this.render(reply, token, wanted, false);
    const answer = await this.notifications.savePreferences(token, wanted, who);
    if (answer.status !== 200) return this.invalid(reply);
    return this.render(reply, token, answer.body, true);
  }

  private render(reply: FastifyReply, token: string, preferences: Preferences, saved: boolean) {
    return this.pages.send(
      reply,
      'preferences',
      { token, preferences, saved, csrf: this.forms.issue(PREFERENCES_PAGE) },
      { tenant: null, title: 'Vos préférences de messages' },
    );
  }

  private invalid(reply: FastifyReply) {
    return this.pages.sendInvalidLink(reply, 'Utilisez le lien de votre dernier message, sans le modifier.');
  }
}
