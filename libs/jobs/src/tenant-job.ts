import { Job } from 'bullmq';
import { TenantContext } from '@respire/tenancy';

/** Every job payload carries its tenant (and the correlation id of what caused it). */
export interface TenantJobData {
  tenantId: string;
  correlationId?: string;
}

/** Runs a job's work inside its tenant's context. */
export function runTenantJob<T extends TenantJobData, R>(job: Job<T>, work: (data: T) => Promise<R>): Promise<R> {
  return TenantContext.run(job.data.tenantId, () => work(job.data));
}

/**
 * A job id derived from what the job is about, so that scheduling the same thing twice (a
 * redelivered event, a retried request, the reconciler) adds one job, not two.
 * BullMQ refuses ':' in custom ids.
 */
export function deterministicJobId(...parts: (string | number)[]): string {
  return parts.map((part) => String(part).replace(/:/g, '_')).join('__');
}
