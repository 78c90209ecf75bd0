import { Body, Controller, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Public, RateLimited } from '@respire/platform';
import { preferencesPage } from './preferences-page';
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
 * Public: a participant has no account, only the signed link in their messages. GET shows the
 * choices (and changes nothing: mail scanners follow links); POST records them. The one-click
 * route answers RFC 8058 `List-Unsubscribe-Post` from mail clients.
 */
@ApiTags('preferences')
@Public()
@RateLimited()
@Controller('public/preferences')
export class PreferencesController {
  constructor(private readonly preferences: UpdatePreferencesUseCase) {}

  @Get()
  @ApiOperation({
    summary: 'Current choices of the participant behind the link (HTML page for browsers, else JSON)',
  })
  async show(
    @Query('t') token: string | undefined,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const current = await this.preferences.read(token);
    if (accept?.includes('text/html')) {
      void reply.header('content-type', 'text/html; charset=utf-8');
      return preferencesPage(token!, current, false);
    }
    return current;
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Turns reminders and feedback requests on or off (JSON, or the HTML form)' })
  async update(
    @Body() body: UpdatePreferencesDto,
    @Headers('content-type') contentType: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const fromForm = contentType?.startsWith('application/x-www-form-urlencoded') ?? false;
    // An unticked checkbox is simply absent from a form post.
    const change = fromForm
      ? { reminders: body.reminders ?? false, feedbackRequests: body.feedbackRequests ?? false }
      : {
          ...(body.reminders !== undefined && { reminders: body.reminders }),
          ...(body.feedbackRequests !== undefined && { feedbackRequests: body.feedbackRequests }),
        };
    const saved = await this.preferences.update(body.t, change);
    if (fromForm) {
      void reply.header('content-type', 'text/html; charset=utf-8');
      return preferencesPage(body.t, saved, true);
    }
    return saved;
  }

  @Post('unsubscribe')
  @HttpCode(200)
  @ApiOperation({ summary: 'One-click unsubscribe (RFC 8058): no more reminders nor feedback requests' })
  async unsubscribe(@Query('t') token: string | undefined) {
    return this.preferences.update(token, { reminders: false, feedbackRequests: false });
  }
}
