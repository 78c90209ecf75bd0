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

/**
 * Where a request keeps its context: a property Fastify declares on every request (its requests
 * keep one shape), cheaper than a WeakMap entry per request.
 */
const STATE = 'respireRequestContext';
type WithState = { [STATE]?: RequestContextState | null };
const stateOf = (request: object) => (request as WithState)[STATE] ?? undefined;

/** Probes and scrapes: logged at debug only, or they would drown the access log. */
const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * Runs each request inside a RequestContext. Entered at onRequest and entered again at
 * preHandler, because body parsing resumes on stream events that lose the async context.
 * When it ends, one access-log line with the route pattern (never the raw URL: it may hold
 * a token), status and duration, carrying the request's correlation and trace ids.
 */
export function installRequestContext(fastify: FastifyInstance, logger: PlatformLogger): void {
  fastify.decorateRequest(STATE, null);
  fastify.addHook('onRequest', (request, reply, done) => {
    const state = requestContextFromHeaders(request.headers);
    const span = startSpan(`HTTP ${request.method}`, SpanKind.SERVER, headerCarrier(request.headers), {
      [ATTR_HTTP_REQUEST_METHOD]: request.method,
    });
    state.span = span;
    if (isSpanContextValid(span.spanContext())) state.traceId = span.spanContext().traceId;
    (request as WithState)[STATE] = state;
    void reply.header(CORRELATION_ID_HEADER, state.correlationId);
    RequestContext.run(state, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const state = stateOf(request);
    const route = request.routeOptions.url ?? 'unmatched';
    // A span not recorded (no exporter) keeps nothing of what is set on it: only end it.
    if (state?.span?.isRecording()) {
      state.span.setAttribute(ATTR_HTTP_ROUTE, route);
      state.span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, reply.statusCode);
      state.span.updateName(`HTTP ${request.method} ${route}`);
    }
    state?.span?.end();
    const level = QUIET_ROUTES.has(route) ? 'debug' : reply.statusCode >= 500 ? 'warn' : 'info';
    // The line is built only when it is written (LOG_LEVEL=warn writes none for a 200).
    if (state && logger.enabled(level)) {
      const line = {
        context: 'Http',
        method: request.method,
        route,
        statusCode: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
      };
      RequestContext.run(state, () => logger.access(level, line));
    }
    done();
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    const state = stateOf(request);
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
