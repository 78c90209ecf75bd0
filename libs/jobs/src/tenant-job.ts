import { Job } from 'bullmq';
import {
  currentTraceCarrier,
  inSpan,
  RequestContext,
  SpanKind,
  startSpan,
  TraceCarrier,
} from '@respire/platform';
import { TenantContext } from '@respire/tenancy';

/** Every job payload carries its tenant (and the correlation id of what caused it). */
export interface TenantJobData {
  tenantId: string;
  correlationId?: string;
  /** W3C trace context of what scheduled the job (see withTrace). */
  trace?: TraceCarrier;
}

/**
 * Adds the current trace and correlation id to a job's data, so the job's logs and spans join
 * those of what scheduled it.
 */
export function withTrace<T extends TenantJobData>(data: T): T {
  const correlationId = data.correlationId ?? RequestContext.correlationId();
  return { ...data, ...(correlationId ? { correlationId } : {}), trace: currentTraceCarrier() };
}

/** Runs a job's work inside its tenant's context and its trace. */
export function runTenantJob<T extends TenantJobData, R>(
  job: Job<T>,
  work: (data: T) => Promise<R>,
): Promise<R> {
  const span = startSpan(`job ${job.name}`, SpanKind.CONSUMER, job.data.trace, { 'job.id': job.id ?? '' });
  return inSpan(
    span,
    { correlationId: job.data.correlationId ?? job.id ?? job.name, tenantId: job.data.tenantId },
    () => TenantContext.run(job.data.tenantId, () => work(job.data)),
  );
}

/**
 * A job id derived from what the job is about, so that scheduling the same thing twice (a
 * redelivered event, a retried request, the reconciler) adds one job, not two.
 * BullMQ refuses ':' in custom ids.
 */
export function deterministicJobId(...parts: (string | number)[]): string {
  return parts.map((part) => String(part).replace(/:/g, '_')).join('__');
}
