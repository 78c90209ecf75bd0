import {
  context,
  isSpanContextValid,
  propagation,
  Span,
  SpanKind,
  SpanStatusCode,
  trace,
  Tracer,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOffSampler, BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { RequestContext, RequestContextState } from '../context/request-context';

let provider: NodeTracerProvider | null = null;

/**
 * OpenTelemetry for this process: W3C trace context, spans exported over OTLP/HTTP when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set (a collector, Tempo, Jaeger…). Without it, spans are not
 * recorded (the AlwaysOff sampler): each still gets its trace and span ids, which every log line
 * carries and the traceparent headers pass on, but none of the attributes, timings and
 * bookkeeping a recorded span costs on every request (about 3 µs of CPU a span).
 */
export function initTracing(service: string, env: NodeJS.ProcessEnv = process.env): void {
  if (provider) return;
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  provider = new NodeTracerProvider({
    // Traces are grouped by service in Tempo/Jaeger (without it every one is unknown_service).
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: `respire-${service}` }),
    ...(endpoint
      ? {
          spanProcessors: [
            new BatchSpanProcessor(
              new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }),
            ),
          ],
        }
      : { sampler: new AlwaysOffSampler() }),
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  tracerName = `respire-${service}`;
  tracer = null;
}

export async function shutdownTracing(): Promise<void> {
  await provider?.shutdown();
  provider = null;
  tracer = null;
}

let tracerName = 'respire';
/** Looked up once (the provider builds a key and searches its tracers at each lookup), not per span. */
let tracer: Tracer | null = null;

export type TraceCarrier = Record<string, string>;

/**
 * Starts a span, child of `parent` (headers of an HTTP request, a Kafka record or a job's
 * data) or of the current context's span.
 */
export function startSpan(
  name: string,
  kind: SpanKind,
  parent?: TraceCarrier,
  attributes: Record<string, string | number> = {},
): Span {
  const parentContext = parent ? propagation.extract(context.active(), parent) : withCurrentSpan();
  tracer ??= trace.getTracer(tracerName);
  return tracer.startSpan(name, { kind, attributes }, parentContext);
}

/** The current trace as W3C headers (`traceparent`), to put on a Kafka record or a job. */
export function currentTraceCarrier(): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(withCurrentSpan(), carrier);
  return carrier;
}

/** Runs work inside a span: the context (logs, outbox, jobs) sees its trace id. */
export async function inSpan<T>(
  span: Span,
  state: Omit<RequestContextState, 'traceId' | 'span'>,
  work: () => Promise<T>,
): Promise<T> {
  try {
    const traceId = isSpanContextValid(span.spanContext()) ? span.spanContext().traceId : undefined;
    return await RequestContext.run({ ...state, traceId, span }, work);
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

function withCurrentSpan() {
  const span = RequestContext.current()?.span;
  return span ? trace.setSpan(context.active(), span) : context.active();
}

export { SpanKind };
