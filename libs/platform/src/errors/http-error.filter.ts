import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { throwError } from 'rxjs';
import { CORRELATION_ID_HEADER, RequestContext } from '../context/request-context';
import { PlatformLogger } from '../logging/platform-logger';
import { toErrorResponse } from './error-response';

/** Answers every HTTP error as `{error, message, fields?}`; logs 500s with the correlation id. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: PlatformLogger) {}

  catch(exception: unknown, host: ArgumentsHost) {
    // Kafka consumers and jobs handle their own failures (retry, DLQ).
    if (host.getType() !== 'http') return throwError(() => exception);

    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { status, body, headers } = toErrorResponse(exception);

    if (status === 503) {
      this.logger.warn(
        `${request.method} ${request.routeOptions?.url ?? request.url}: database unavailable (${(exception as Error).message})`,
        HttpErrorFilter.name,
      );
    } else if (status >= 500) {
      const correlationId =
        RequestContext.correlationId() ?? String(reply.getHeader(CORRELATION_ID_HEADER) ?? '');
      body.correlationId = correlationId || undefined;
      this.logger.error(
        { msg: `${request.method} ${request.routeOptions?.url ?? request.url} failed`, correlationId },
        exception instanceof Error ? exception : new Error(String(exception)),
        HttpErrorFilter.name,
      );
    }
    if (headers) void reply.headers(headers);
    void reply.status(status).send(body);
  }
}
