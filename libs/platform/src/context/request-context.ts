import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Span } from '@opentelemetry/api';

export interface RequestContextState {
  correlationId: string;
  tenantId?: string;
  traceId?: string;
  /** The OpenTelemetry span of this request, event or job (not logged). */
  span?: Span;
}

export const CORRELATION_ID_HEADER = 'x-correlation-id';

const storage = new AsyncLocalStorage<RequestContextState>();

// Header values end up in every log line: accept only short, plain ids.
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** Who and what the current request, event or job is about; read by the logger. */
export const RequestContext = {
  run<T>(state: RequestContextState, work: () => T): T {
    return storage.run(state, work);
  },

  current(): RequestContextState | undefined {
    return storage.getStore();
  },

  correlationId(): string | undefined {
    return storage.getStore()?.correlationId;
  },

  /** Adds what becomes known later (e.g. the tenant once the token is verified). No-op outside a context. */
  set(fields: Partial<Omit<RequestContextState, 'correlationId'>>): void {
    const state = storage.getStore();
    if (state) Object.assign(state, fields);
  },
};

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** A new context from incoming headers: keeps a well-formed `x-correlation-id`, else generates one. */
export function requestContextFromHeaders(headers: Headers): RequestContextState {
  const incoming = firstValue(headers[CORRELATION_ID_HEADER]);
  const traceId = TRACEPARENT.exec(firstValue(headers['traceparent']) ?? '')?.[1];
  return {
    correlationId: incoming && SAFE_ID.test(incoming) ? incoming : randomUUID(),
    ...(traceId ? { traceId } : {}),
  };
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
