import { Body, Controller, Get, Headers, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Public, PREFERENCES_PAGE, RateLimited } from '@respire/platform';
import { NOTIFICATIONS_CONFIG, NotificationsEnv } from '../config/env.schema';
import { UpdatePreferencesUseCase } from './use-cases/update-preferences/update-preferences.use-case';

const flag = z
  .union([z.boolean(), z.enum(['on', 'true', 'false'])])
  .transform((value) => value === true || value === 'on' || value === 'true');

export class UpdatePreferencesDto extends createZodDto(
  z.object({
    t: z.string().min(1).max(500).describe('the token of the preferences link'),
    reminders: flag.optional(),
    feedbackRequests: flag.optional(),
  }),
) {}

/**
 * Public: a participant has no account, only the signed link in their messages, which opens the
 * web app's preferences page; it reads (GET) and records (POST) the choices here. The one-click
 * route answers RFC 8058 `List-Unsubscribe-Post` from mail clients.
 */
@ApiTags('preferences')
@Public()
@RateLimited()
@Controller('public/preferences')
export class PreferencesController {
  constructor(
    private readonly preferences: UpdatePreferencesUseCase,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsEnv,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      "Current choices of the participant behind the link; a browser (links mailed before the web app served the page) is sent to the web app's page",
  })
  async show(
    @Query('t') token: string | undefined,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const current = await this.preferences.read(token);
    if (accept?.includes('text/html')) {
      const base = this.config.PUBLIC_BASE_URL.replace(/\/+$/, '');
      return reply.redirect(`${base}${PREFERENCES_PAGE}?t=${encodeURIComponent(token!)}`, 302);
    }
    return current;
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Turns reminders and feedback requests on or off (a flag left out is left as it is)',
  })
  async update(@Body() body: UpdatePreferencesDto) {
    return this.preferences.update(body.t, {
      ...(body.reminders !== undefined && { reminders: body.reminders }),
      ...(body.feedbackRequests !== undefined && { feedbackRequests: body.feedbackRequests }),
    });
  }

  @Post('unsubscribe')
  @HttpCode(200)
  @ApiOperation({ summary: 'One-click unsubscribe (RFC 8058): no more reminders nor feedback requests' })
  async unsubscribe(@Query('t') token: string | undefined) {
    return this.preferences.update(token, { reminders: false, feedbackRequests: false });
  }
}
