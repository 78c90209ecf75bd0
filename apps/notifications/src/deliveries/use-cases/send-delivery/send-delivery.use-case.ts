import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { createEvent, DELIVERY_FAILED_V1, DELIVERY_SENT_V1 } from '@respire/contracts';
import { Outbox } from '@respire/messaging';
import { currentTraceCarrier, MetricsService, retryTransient } from '@respire/platform';
import { Counter, Histogram } from 'prom-client';
import { runInTenantTransaction, TRANSACTION_RETRY_BUDGET_MS } from '@respire/tenancy';
import { NOTIFICATIONS_CONFIG, NotificationsEnv } from '../../../config/env.schema';
import { MessageComposer } from '../../../messages/message-composer';
import { templateSourceOf } from '../../../templates/template-sources';
import { tenantSettingsOf } from '../../../tenants/infrastructure/tenant-directory.repository';
import {
  DeliveryChannel,
  EMAIL_CHANNEL,
  PreparedMessage,
  SMS_CHANNEL,
} from '../../channels/delivery-channel';
import { classifySendFailure } from '../../domain/send-failure';
import { DeliveryAttempts } from '../../infrastructure/delivery-attempts';
import { DeliveryRepository, DeliveryRow } from '../../infrastructure/delivery.repository';

export type SendOutcome = 'sent' | 'skipped' | 'failed';

/** A claimed delivery, rendered and composed for its channel: what is left is the send. */
export interface PreparedSend {
  row: DeliveryRow;
  channel: DeliveryChannel;
  message: PreparedMessage;
  sentEvent: ReturnType<SendDeliveryUseCase['sentEventRow']>;
  /** Epoch ms before which the claim surely holds (it was taken after the time this counts from). */
  leaseEndsAt: number;
}

/**
 * How long a sent message's record is retried while the database is unreachable, before the job
 * fails (and, retried, sends the message again). Far longer than a restart or failover.
 */
const RECORD_SENT_BUDGET_MS = 15 * 60_000;

/** Thrown for a temporary failure: the job is retried with backoff. */
export class RetryLaterError extends Error {}

/**
 * Sends one recorded message.
 *
 * 1. Claim (DeliveryAttempts: one delivery_claim_many for the sends of a tenant that start
 *    together): skip the row when already finished; otherwise mark it `sending`, count the
 *    attempt and hold it for the lease — a row held by a live claim is retried later, a row found
 *    `sending` after its lease ran out means the previous attempt was cut off; the same call
 *    returns the tenant's settings and template override.
 * 2. Render and send over the channel with a Message-ID derived from the delivery id.
 * 3. Record: `sent` with the server's queue id and the Message-ID plus notifications.delivery-sent in the outbox,
 *    in one database round trip shared with the sends accepted at the same time
 *    (delivery_mark_sent_many; the event is built before the send); or,
 *    on a permanent failure or the last attempt, `failed` plus notifications.delivery-failed;
 *    or back to `pending` and RetryLaterError. Recording a sent message is retried while the
 *    database is unreachable (a restart only delays it), so the job never sends it again.
 *
 * The one window left is between the SMTP server accepting the message and step 3 committing
 * (one round trip, about a millisecond): a process killed exactly there sends that message
 * again on restart, once, with the same Message-ID (which mail systems use to fold
 * duplicates), and the row counts it in `interrupted_attempts`. SMTP offers no way to ask a
 * server whether it already holds a message, so no sender can close that window alone;
 * marking before sending would trade the duplicate for a lost message.
 */
@Injectable()
export class SendDeliveryUseCase {
  private readonly logger = new Logger('SendDelivery');
  private readonly attemptsCounter: Counter<'template' | 'outcome'>;
  private readonly outcomes: Counter<'channel' | 'result'>;
  private readonly sendSeconds: Histogram<'outcome'>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsEnv,
    @Inject(EMAIL_CHANNEL) private readonly email: DeliveryChannel,
    @Inject(SMS_CHANNEL) private readonly sms: DeliveryChannel,
    private readonly deliveries: DeliveryRepository,
    private readonly attempts: DeliveryAttempts,
    private readonly composer: MessageComposer,
    private readonly outbox: Outbox,
    metrics: MetricsService,
  ) {
    this.attemptsCounter = metrics.counter({
      name: 'respire_notifications_send_attempts_total',
      help: 'Send attempts by template and outcome (sent, retry, failed, interrupted: a resend after a crash)',
      labelNames: ['template', 'outcome'],
    });
    this.outcomes = metrics.counter({
      name: 'respire_mails_total',
      help: 'Messages by final outcome: sent (accepted by the mail server or SMS gateway) or failed (given up)',
      labelNames: ['channel', 'result'],
    });
    this.sendSeconds = metrics.histogram({
      name: 'respire_notifications_send_seconds',
      help: 'Time the mail server took to accept (or refuse) a message',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    });
  }

  async execute(command: { tenantId: string; deliveryId: string }): Promise<SendOutcome> {
    const prepared = await this.prepare(command.tenantId, command.deliveryId);
    return typeof prepared === 'string' ? prepared : this.deliver(prepared);
  }

  /** Of these claimed deliveries, the ones nothing cancelled since (see DeliveryRepository.cancelUnsent). */
  async stillSending(tenantId: string, deliveryIds: string[]): Promise<Set<string>> {
    return runInTenantTransaction(this.dataSource, tenantId, (manager) =>
      this.deliveries.stillSending(manager, tenantId, deliveryIds),
    );
  }

  /**
   * Steps 1 and 2 up to the send: claims the delivery, renders it and composes it for its
   * channel. Returns the outcome instead when there is nothing to send (finished, or failed to
   * render); throws RetryLaterError when another attempt holds it.
   */
  async prepare(tenantId: string, deliveryId: string): Promise<PreparedSend | SendOutcome> {
    const claimedBefore = Date.now();
    const claim = await retryTransient(() => this.attempts.claim(tenantId, deliveryId), {
      budgetMs: TRANSACTION_RETRY_BUDGET_MS,
    });
    if (claim.status === 'finished') return 'skipped';
    if (claim.status === 'busy') {
      throw new RetryLaterError(`delivery ${deliveryId} is held by another attempt until its claim runs out`);
    }
    const row = { ...claim.row, attempts: claim.row.attempts + 1 };
    if (claim.row.status === 'sending') {
      this.attemptsCounter.inc({ template: row.template, outcome: 'interrupted' });
      this.logger.warn(
        `delivery ${deliveryId}: previous attempt was interrupted; sending again with the same Message-ID`,
      );
    }
    const tenant = tenantSettingsOf(tenantId, claim.tenant);
    const { source } = templateSourceOf(row.template, claim.override);
    const channel = row.channel === 'sms' ? this.sms : this.email;

    let message: PreparedMessage;
    try {
      message = await channel.prepare(this.composer.compose(row, tenant, source));
    } catch (error) {
      await this.fail(row, `could not render the message: ${(error as Error).message}`, null);
      return 'failed';
    }
    return {
      row,
      channel,
      message,
      // Built before the send, so that recording the outcome after it is a single round trip.
      sentEvent: this.sentEventRow(row),
      leaseEndsAt: claimedBefore + this.config.NOTIFICATIONS_JOB_LOCK_MS,
    };
  }

  /**
   * Step 2's send and step 3: hands the prepared message to its channel and records the outcome.
   * Throws RetryLaterError after a temporary failure (the row is back to `pending`).
   */
  async deliver(prepared: PreparedSend): Promise<SendOutcome> {
    const { row, channel, sentEvent } = prepared;
    const message = prepared.message.message;
    const { tenant_id: tenantId, id: deliveryId } = row;
    let providerMessageId: string;
    const stopTimer = this.sendSeconds.startTimer();
    try {
      ({ providerMessageId } = await channel.send(prepared.message));
      stopTimer({ outcome: 'accepted' });
    } catch (error) {
      stopTimer({ outcome: 'refused' });
      const failure = classifySendFailure(error);
      if (failure.permanent) {
        await this.fail(row, failure.reason, message.messageId);
        return 'failed';
      }
      if (row.attempts >= this.config.NOTIFICATIONS_SEND_ATTEMPTS) {
        await this.fail(row, `gave up after ${row.attempts} attempts: ${failure.reason}`, message.messageId);
        return 'failed';
      }
      await runInTenantTransaction(this.dataSource, tenantId, (manager) =>
        this.deliveries.markRetrying(manager, tenantId, deliveryId, row.attempts, failure.reason),
      );
      this.attemptsCounter.inc({ template: row.template, outcome: 'retry' });
      throw new RetryLaterError(`attempt ${row.attempts} failed, will retry: ${failure.reason}`);
    }

    // The message has left: record it until the database takes it (a restart, a failover), never
    // let the job fail and send it again. delivery_mark_sent_many is idempotent, so a retry after a
    // commit whose answer was lost changes nothing.
    await retryTransient(
      () =>
        this.attempts.markSent(tenantId, {
          deliveryId,
          providerMessageId,
          messageId: message.messageId,
          event: sentEvent,
        }),
      {
        budgetMs: RECORD_SENT_BUDGET_MS,
        maxDelayMs: 2_000,
        onRetry: (error, attempt) => {
          if (attempt === 1)
            this.logger.warn(
              `delivery ${deliveryId} sent; recording it waits for the database: ${(error as Error).message}`,
            );
        },
      },
    );
    this.attemptsCounter.inc({ template: row.template, outcome: 'sent' });
    this.outcomes.inc({ channel: row.channel, result: 'sent' });
    this.logger.log({
      msg: 'message sent',
      deliveryId,
      template: row.template,
      channel: row.channel,
      recipient: row.recipient_masked,
      providerMessageId,
      attempt: row.attempts,
    });
    return 'sent';
  }

  private async fail(row: DeliveryRow, reason: string, messageId: string | null): Promise<void> {
    await runInTenantTransaction(this.dataSource, row.tenant_id, async (manager) => {
      if (await this.deliveries.markFailed(manager, row.tenant_id, row.id, reason, messageId)) {
        await this.publishFailure(manager, row, reason);
      }
    });
    this.attemptsCounter.inc({ template: row.template, outcome: 'failed' });
    this.outcomes.inc({ channel: row.channel, result: 'failed' });
    this.logger.warn(`delivery ${row.id} (${row.template}) failed for good: ${reason}`);
  }

  private eventData(row: DeliveryRow) {
    return {
      deliveryId: row.id,
      template: row.template,
      channel: row.channel,
      recipient: row.recipient_masked,
      causationEventId: row.cause_id,
      causeKind: row.cause_kind,
      registrationId: row.registration_id,
      attempts: row.attempts,
    };
  }

  private eventOptions(row: DeliveryRow) {
    return {
      tenantId: row.tenant_id,
      source: 'notifications',
      subject: row.id,
      correlationId: row.correlation_id ?? undefined,
      causationId: row.cause_id,
    };
  }

  /** notifications.delivery-sent as an outbox row, as Outbox.add writes it. */
  sentEventRow(row: DeliveryRow) {
    const event = createEvent(DELIVERY_SENT_V1, this.eventData(row), this.eventOptions(row));
    return {
      id: event.id,
      topic: DELIVERY_SENT_V1.topic,
      key: DELIVERY_SENT_V1.partitionKey(event.data, row.tenant_id),
      type: event.type,
      payload: event,
      headers: { ...currentTraceCarrier() } as Record<string, string>,
    };
  }

  private async publishFailure(manager: EntityManager, row: DeliveryRow, reason: string): Promise<void> {
    const data = { ...this.eventData(row), permanent: true, error: reason };
    await this.outbox.add(manager, createEvent(DELIVERY_FAILED_V1, data, this.eventOptions(row)));
  }
}
