import { Inject, Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { NOTIFICATIONS_CONFIG, NotificationsEnv } from '../../../config/env.schema';
import { SendBatchJob } from '../../../infrastructure/queues';
import { SendQueue } from '../../infrastructure/send-queue';
import {
  PreparedSend,
  RetryLaterError,
  SendDeliveryUseCase,
  SendOutcome,
} from '../send-delivery/send-delivery.use-case';

export type BatchOutcome = Record<SendOutcome | 'handed-over', number>;

/**
 * Deliveries recorded together and due at one time (a session's reminders, recorded
 * NOTIFICATIONS_REMINDER_LEAD_SECONDS ahead): run a third of a claim's lease before that time, it
 * claims them all (one delivery_claim_many per 200), renders and composes them, then hands to the channel together at `notBefore`, so that at
 * that time only the SMTP exchanges are left. Each delivery keeps the single send's rules
 * (SendDeliveryUseCase.prepare and deliver): claim lease, Message-ID, record after the send.
 *
 * What the batch does not send goes to its own send job (job id = delivery id), which retries as
 * any send: a delivery held by another attempt, one that failed for a while, and one whose claim
 * might run out before its send (a batch running far behind: it is never sent on a claim that may
 * have lapsed, since another attempt could then hold it). A batch job run again (its worker died)
 * finds its deliveries held or finished and hands the held ones over the same way.
 */
@Injectable()
export class SendBatchUseCase {
  private readonly logger = new Logger('SendBatch');
  /** A claim is used for a send only while this much of it is left. */
  private readonly leaseMarginMs: number;

  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsEnv,
    private readonly send: SendDeliveryUseCase,
    private readonly queue: SendQueue,
  ) {
    this.leaseMarginMs = Math.floor(config.NOTIFICATIONS_JOB_LOCK_MS / 3);
  }

  async execute(job: SendBatchJob): Promise<BatchOutcome> {
    const { tenantId, deliveryIds, notBefore } = job;
    const outcome: BatchOutcome = { sent: 0, skipped: 0, failed: 0, 'handed-over': 0 };
    const later: { deliveryId: string; delayMs: number }[] = [];
    // Too early to hold claims until then (it runs a third of the lease ahead; this one ran far
    // earlier): each delivery gets its own job, delayed until then.
    if (notBefore - Date.now() > this.config.NOTIFICATIONS_JOB_LOCK_MS / 2) {
      await this.handOver(
        tenantId,
        deliveryIds.map((deliveryId) => ({ deliveryId, delayMs: notBefore - Date.now() })),
      );
      outcome['handed-over'] = deliveryIds.length;
      return outcome;
    }

    const prepared: PreparedSend[] = [];
    const claiming = await Promise.allSettled(
      deliveryIds.map(async (deliveryId) => {
        try {
          const one = await this.send.prepare(tenantId, deliveryId);
          if (typeof one === 'string') outcome[one]++;
          else prepared.push(one);
        } catch (error) {
          if (!(error instanceof RetryLaterError)) throw error;
          later.push({ deliveryId, delayMs: this.config.NOTIFICATIONS_RETRY_BASE_MS });
        }
      }),
    );
    // Claimed and composed ahead: now only the sends are left.
    const wait = notBefore - Date.now();
    if (wait > 0) await sleep(wait);
    // A registration cancelled while the batch waited took its reminder back.
    const live = await this.send.stillSending(
      tenantId,
      prepared.map((one) => one.row.id),
    );
    outcome.skipped += prepared.length - live.size;

    const sending = await Promise.allSettled(
      prepared
        .filter((one) => live.has(one.row.id))
        .map(async (one) => {
          if (Date.now() > one.leaseEndsAt - this.leaseMarginMs) {
            later.push({ deliveryId: one.row.id, delayMs: one.leaseEndsAt - Date.now() });
            return;
          }
          try {
            outcome[await this.send.deliver(one)]++;
          } catch (error) {
            if (!(error instanceof RetryLaterError)) throw error;
            later.push({
              deliveryId: one.row.id,
              delayMs: this.config.NOTIFICATIONS_RETRY_BASE_MS * 2 ** (one.row.attempts - 1),
            });
          }
        }),
    );
    await this.handOver(tenantId, later);
    outcome['handed-over'] = later.length;
    // Anything else (the database gone for longer than the retries): the job fails and runs again.
    const error = [...claiming, ...sending].find((r) => r.status === 'rejected');
    if (error) throw (error as PromiseRejectedResult).reason;
    return outcome;
  }

  private async handOver(tenantId: string, deliveries: { deliveryId: string; delayMs: number }[]) {
    for (const { deliveryId, delayMs } of deliveries) {
      await this.queue.enqueueMany([{ tenantId, deliveryId }], delayMs);
    }
    if (deliveries.length > 0)
      this.logger.log(`${deliveries.length} deliveries of a batch handed to their own send jobs`);
  }
}
