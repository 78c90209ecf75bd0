import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { withTrace } from '@respire/jobs';
import { NOTIFICATIONS_CONFIG, NotificationsEnv } from '../../config/env.schema';
import { JobName, NotificationQueue, SendBatchJob, SendDeliveryJob } from '../../infrastructure/queues';

/** Deliveries in one batch job at most. */
export const MAX_SEND_BATCH = 200;

/** The send queue: one job per delivery, its id the delivery id, so adding it twice adds it once. */
@Injectable()
export class SendQueue {
  private readonly options: JobsOptions;
  /** A batch is claimed and composed this long before its time: a third of a claim's lease. */
  private readonly batchAheadMs: number;

  constructor(
    @InjectQueue(NotificationQueue.Send) readonly queue: Queue<SendDeliveryJob | SendBatchJob>,
    @Inject(NOTIFICATIONS_CONFIG) config: NotificationsEnv,
  ) {
    this.batchAheadMs = Math.floor(config.NOTIFICATIONS_JOB_LOCK_MS / 3);
    this.options = {
      // The use case gives up after NOTIFICATIONS_SEND_ATTEMPTS (counted in the database); the
      // spare attempts only cover failures outside it (database briefly unreachable).
      attempts: config.NOTIFICATIONS_SEND_ATTEMPTS + 2,
      backoff: { type: 'exponential', delay: config.NOTIFICATIONS_RETRY_BASE_MS },
      removeOnComplete: { age: 3600, count: 10_000 },
      removeOnFail: { age: 7 * 86_400 },
    };
  }

  async enqueue(tenantId: string, deliveryId: string): Promise<void> {
    await this.enqueueMany([{ tenantId, deliveryId }]);
  }

  /** One Redis call for several deliveries; each job waits `delayMs` first. */
  async enqueueMany(deliveries: { tenantId: string; deliveryId: string }[], delayMs = 0): Promise<void> {
    const delay = delayMs > 0 ? { delay: Math.ceil(delayMs) } : {};
    if (deliveries.length === 1) {
      const [{ tenantId, deliveryId }] = deliveries;
      await this.queue.add(JobName.SendDelivery, withTrace({ tenantId, deliveryId }), {
        ...this.options,
        ...delay,
        jobId: deliveryId,
      });
      return;
    }
    await this.queue.addBulk(
      deliveries.map(({ tenantId, deliveryId }) => ({
        name: JobName.SendDelivery,
        data: withTrace({ tenantId, deliveryId }),
        opts: { ...this.options, ...delay, jobId: deliveryId },
      })),
    );
  }

  /**
   * Deliveries of one tenant recorded together and due at `notBefore` (epoch ms): one job per
   * MAX_SEND_BATCH of them, run a third of a claim's lease before that time, that claims and
   * composes them all, then sends them at that time. Its id derives from its first delivery (recorded once), so adding it twice adds it once.
   */
  async enqueueBatch(tenantId: string, deliveryIds: string[], notBefore: number): Promise<void> {
    const delay = Math.max(0, notBefore - this.batchAheadMs - Date.now());
    const jobs = [];
    for (let i = 0; i < deliveryIds.length; i += MAX_SEND_BATCH) {
      const ids = deliveryIds.slice(i, i + MAX_SEND_BATCH);
      jobs.push({
        name: JobName.SendBatch,
        data: withTrace({ tenantId, deliveryIds: ids, notBefore }),
        opts: { ...this.options, delay, jobId: `batch__${ids[0]}` },
      });
    }
    await this.queue.addBulk(jobs);
  }

  /**
   * Makes sure an unfinished delivery has a job that will run: adds a missing one, retries one
   * BullMQ gave up on, replaces one that completed without the row finishing. A job waiting,
   * delayed or active is left alone. Returns what it did.
   */
  async ensure(tenantId: string, deliveryId: string): Promise<'added' | 'retried' | 'present'> {
    const job = await this.queue.getJob(deliveryId);
    if (!job) {
      await this.enqueue(tenantId, deliveryId);
      return 'added';
    }
    const state = await job.getState();
    if (state === 'failed') {
      await job.retry('failed');
      return 'retried';
    }
    if (state === 'completed' || state === 'unknown') {
      await job.remove().catch(() => undefined);
      await this.enqueue(tenantId, deliveryId);
      return 'added';
    }
    return 'present';
  }
}
