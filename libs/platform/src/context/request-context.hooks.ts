import type { FastifyInstance } from 'fastify';
import { isSpanContextValid } from '@opentelemetry/api';
import { SpanKind, startSpan, TraceCarrier } from '../tracing/tracing';
import {
  CORRELATION_ID_HEADER,
  RequestContext,
  RequestContextState,
  requestContextFromHeaders,
} from './request-context';

const states = new WeakMap<object, RequestContextState>();

/**
 * Runs each request inside a RequestContext. Entered at onRequest and entered again at
 * preHandler, because body parsing resumes on stream events that lose the async context.
 */
export function installRequestContext(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const state = requestContextFromHeaders(request.headers);
    const span = startSpan(`HTTP ${request.method}`, SpanKind.SERVER, headerCarrier(request.headers), {
      'http.request.method': request.method,
    });
    state.span = span;
    if (isSpanContextValid(span.spanContext())) state.traceId = span.spanContext().traceId;
    states.set(request, state);
    void reply.header(CORRELATION_ID_HEADER, state.correlationId);
    RequestContext.run(state, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const span = states.get(request)?.span;
    if (span) {
      span.setAttribute('http.route', request.routeOptions.url ?? 'unmatched');
      span.setAttribute('http.response.status_code', reply.statusCode);
      span.updateName(`HTTP ${request.method} ${request.routeOptions.url ?? 'unmatched'}`);
      span.end();
    }
    done();
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    const state = states.get(request);
    if (state) RequestContext.run(state, done);
    else done();
  });
}

function headerCarrier(headers: Readonly<Record<string, string | string[] | undefined>>): TraceCarrier | undefined {
  const traceparent = headers['traceparent'];
  if (typeof traceparent !== 'string') return undefined;
  const tracestate = headers['tracestate'];
  return typeof tracestate === 'string' ? { traceparent, tracestate } : { traceparent };
}
