import type { FastifyInstance } from 'fastify';
import { MetricsService } from './metrics.service';

/**
 * Times every response. `route` is the matched pattern (`/v1/sessions/:id`), never the raw URL,
 * so ids and tenants do not multiply the series; unmatched URLs share one label.
 */
export function installHttpMetrics(fastify: FastifyInstance, metrics: MetricsService): void {
  const duration = metrics.histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
