import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { withTrace } from '@respire/jobs';
import { CLOCK, Clock } from '@respire/platform';
import { AlertDigestJob, JobName, NotificationQueue, ScheduledJob } from '../infrastructure/queues';
import { OpenBatch } from './infrastructure/alert.repository';

/**
 * One delayed job per (batch, due time): a publication that moves a batch's due time adds a
 * later job, and the earlier one finds the batch not due yet and does nothing. Adding the same
 * job twice is a no-op (same job id), so the sweep may re-add jobs for every open batch.
 */
@Injectable()
export class AlertScheduler {
  constructor(
    @InjectQueue(NotificationQueue.Scheduled) private readonly queue: Queue<ScheduledJob>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async schedule(tenantId: string, batch: OpenBatch): Promise<void> {
    const data: AlertDigestJob = { tenantId, batchId: batch.batchId, dueAt: batch.dueAt.toISOString() };
    await this.queue.add(JobName.AlertDigest, withTrace(data), {
      jobId: `alert-digest-${batch.batchId}-${batch.dueAt.getTime()}`,
      delay: Math.max(0, batch.dueAt.getTime() - this.clock.now().getTime()),
      attempts: 5,
      backoff: { type: 'exponential', delay: 10_000 },
      removeOnComplete: { age: 86_400 },
      removeOnFail: { age: 7 * 86_400 },
    });
  }
}
