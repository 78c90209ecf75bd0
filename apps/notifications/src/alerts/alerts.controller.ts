import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { createDocumentedDto, Public, RateLimited } from '@respire/platform';
import { ManageAlertUseCase } from './use-cases/manage-alert.use-case';

export class RequestAlertDto extends createZodDto(
  z.object({
    tenant: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'CPTS inconnue')
      .max(63)
      .describe('the CPTS slug'),
    email: z.email({ error: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr' }).max(254),
    category: z
      .string({ error: 'Choisissez une catégorie d’ateliers' })
      .trim()
      .min(1, 'Choisissez une catégorie d’ateliers')
      .max(200),
  }),
) {}

export class AlertTokenDto extends createZodDto(
  z.object({ t: z.string().min(1).max(500).describe('the token of the mailed link') }),
) {}

export class AlertAnswerDto extends createDocumentedDto(
  z.object({
    status: z.enum(['confirmation-sent', 'confirmed', 'unsubscribed']),
    category: z.string().optional(),
  }),
) {}

/**
 * Public: "tell me when new sessions open". No account: the address confirms through a mailed
 * link (double opt-in), and every digest carries a one-click unsubscribe (RFC 8058).
 */
@ApiTags('alerts')
@Public()
@RateLimited()
@Controller('public/alerts')
export class AlertsController {
  constructor(private readonly alerts: ManageAlertUseCase) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: AlertAnswerDto })
  @ApiOperation({
    summary:
      'Asks for an alert on a category; a confirmation link is mailed (the answer is the same for an address already subscribed)',
  })
  request(@Body() body: RequestAlertDto): Promise<AlertAnswerDto> {
    return this.alerts.request({ slug: body.tenant, email: body.email, category: body.category });
  }

  @Post('confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirms an alert (the link of the confirmation message)' })
  @ApiOkResponse({ type: AlertAnswerDto })
  confirm(@Body() body: AlertTokenDto): Promise<AlertAnswerDto> {
    return this.alerts.confirm(body.t);
  }

  @Post('unsubscribe')
  @HttpCode(200)
  @ApiOkResponse({ type: AlertAnswerDto })
  @ApiOperation({
    summary:
      'One-click unsubscribe (RFC 8058; token in the query) or from the web page (token in the body): ends every alert of the address',
  })
  unsubscribe(@Query('t') queryToken: string | undefined, @Body() body: unknown): Promise<AlertAnswerDto> {
    const bodyToken = body && typeof body === 'object' ? (body as Record<string, unknown>).t : undefined;
    return this.alerts.unsubscribe(queryToken ?? bodyToken);
  }
}
