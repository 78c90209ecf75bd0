import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PlatformLogger, RateLimitedError } from '@respire/platform';
import { PageRenderer } from '../views/page-renderer';
import { TooManyRequestsError, UpstreamUnavailableError } from '../upstream/upstream.client';
import { ForeignFormError, LinkExpiredPage, PageNotFoundError } from './page-errors';

/** Errors on a page route answer a page, in French, with the right status. */
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  constructor(
    private readonly pages: PageRenderer,
    private readonly logger: PlatformLogger,
  ) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const page = (status: number, heading: string, ...paragraphs: string[]) =>
      this.pages.send(reply, 'message', { heading, paragraphs }, { tenant: null, title: heading, status });

    if (
      exception instanceof PageNotFoundError ||
      (exception instanceof HttpException && exception.getStatus() === 404)
    ) {
      return page(
        404,
        'Page introuvable',
        'Vérifiez l’adresse, ou repartez du lien que votre CPTS vous a donné.',
      );
    }
    if (exception instanceof LinkExpiredPage) {
      return page(410, 'Lien expiré', exception.explanation || 'Ce lien n’est plus valable.');
    }
    if (exception instanceof ForeignFormError) {
      return page(
        403,
        'Formulaire refusé',
        'Ce formulaire a été envoyé depuis un autre site. Rouvrez la page et renvoyez-le d’ici.',
      );
    }
    const retryAfter =
      exception instanceof RateLimitedError
        ? exception.retryAfterSeconds
        : exception instanceof TooManyRequestsError
          ? exception.retryAfterSeconds
          : null;
    if (retryAfter !== null) {
      void reply.header('retry-after', String(retryAfter));
      return page(
        429,
        'Trop de demandes',
        `Merci de réessayer dans ${retryAfter} seconde${retryAfter > 1 ? 's' : ''}.`,
      );
    }
    if (exception instanceof UpstreamUnavailableError) {
      this.logger.warn({ msg: exception.message }, 'Pages');
      void reply.header('retry-after', '30');
      return page(
        503,
        'Service momentanément indisponible',
        'Merci de réessayer dans quelques instants. Rien de ce que vous avez envoyé n’est perdu s’il vous a été confirmé.',
      );
    }
    this.logger.error(
      { msg: 'page failed' },
      exception instanceof Error ? exception : new Error(String(exception)),
      'Pages',
    );
    return page(500, 'Une erreur est survenue', 'Merci de réessayer dans quelques instants.');
  }
}
