import type { FastifyInstance } from 'fastify';
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
    states.set(request, state);
    void reply.header(CORRELATION_ID_HEADER, state.correlationId);
    RequestContext.run(state, done);
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    const state = states.get(request);
    if (state) RequestContext.run(state, done);
    else done();
  });
}
