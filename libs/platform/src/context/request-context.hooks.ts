import type { FastifyInstance } from 'fastify';
import { isSpanContextValid } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
} from '@opentelemetry/semantic-conventions';
import type { PlatformLogger } from '../logging/platform-logger';
import { SpanKind, startSpan, TraceCarrier } from '../tracing/tracing';
import {
  CORRELATION_ID_HEADER,
  RequestContext,
  RequestContextState,
  requestContextFromHeaders,
} from './request-context';

const states = new WeakMap<object, RequestContextState>();

/** Probes and scrapes: logged at debug only, or they would drown the access log. */
const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * Runs each request inside a RequestContext. Entered at onRequest and entered again at
 * preHandler, because body parsing resumes on stream events that lose the async context.
 * When it ends, one access-log line with the route pattern (never the raw URL: it may hold
 * a token), status and duration, carrying the request's correlation and trace ids.
 */
export function installRequestContext(fastify: FastifyInstance, logger: PlatformLogger): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const state = requestContextFromHeaders(request.headers);
    const span = startSpan(`HTTP ${request.method}`, SpanKind.SERVER, headerCarrier(request.headers), {
      [ATTR_HTTP_REQUEST_METHOD]: request.method,
    });
    state.span = span;
    if (isSpanContextValid(span.spanContext())) state.traceId = span.spanContext().traceId;
    states.set(request, state);
    void reply.header(CORRELATION_ID_HEADER, state.correlationId);
    RequestContext.run(state, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const state = states.get(request);
    const route = request.routeOptions.url ?? 'unmatched';
    if (state?.span) {
      state.span.setAttribute(ATTR_HTTP_ROUTE, route);
      state.span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, reply.statusCode);
      state.span.updateName(`HTTP ${request.method} ${route}`);
      state.span.end();
    }
    if (state) {
      const line = {
        msg: 'request completed',
        method: request.method,
        route,
        statusCode: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
      };
      RequestContext.run(state, () => {
        if (QUIET_ROUTES.has(route)) logger.debug(line, 'Http');
        else if (reply.statusCode >= 500) logger.warn(line, 'Http');
        else logger.log(line, 'Http');
      });
    }
    done();
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    const state = states.get(request);
    if (state) RequestContext.run(state, done);
    else done();
  });
}

function headerCarrier(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): TraceCarrier | undefined {
  const traceparent = headers['traceparent'];
  if (typeof traceparent !== 'string') return undefined;
  const tracestate = headers['tracestate'];
  return typeof tracestate === 'string' ? { traceparent, tracestate } : { traceparent };
}
