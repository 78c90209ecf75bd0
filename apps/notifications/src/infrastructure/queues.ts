import { TenantJobData } from '@respire/jobs';

/** BullMQ queues of the notifications service. */
export enum NotificationQueue {
  /**
   * One job per delivery row (job id = delivery id): render and send; or one job for deliveries
   * recorded together and due at one time (reminders): all claimed and composed at once, sent at that time.
   */
  Send = 'notifications-send',
  /** Delayed jobs that create deliveries when due: reminders, feedback requests, facilitator digests. */
  Scheduled = 'notifications-scheduled',
}

export enum JobName {
  SendDelivery = 'send-delivery',
  SendBatch = 'send-batch',
  Reminder = 'reminder',
  FeedbackRequest = 'feedback-request',
  FacilitatorDigest = 'facilitator-digest',
  AlertDigest = 'alert-digest',
}

export interface SendDeliveryJob extends TenantJobData {
  deliveryId: string;
}

export interface SendBatchJob extends TenantJobData {
  deliveryIds: string[];
  /** Epoch ms: the mails are handed to the channel at this time, not before. */
  notBefore: number;
}

/**
 * A session's reminder at one offset: it reminds every participant still due when it fires, or
 * only `registrationIds` (a participant confirmed after the session's job fired). Jobs planned
 * before reminders were per session carry one `registrationId`.
 */
export interface ReminderJob extends TenantJobData {
  sessionId: string;
  registrationIds?: string[];
  /** Jobs planned per registration, before per-session jobs: read as registrationIds. */
  registrationId?: string;
  offsetMinutes: number;
  /** The session start this reminder was planned for: a moved session makes it stale. */
  startsAt: string;
}

export interface FeedbackRequestJob extends TenantJobData {
  registrationId: string;
}

export interface FacilitatorDigestJob extends TenantJobData {
  sessionId: string;
  startsAt: string;
}

export interface AlertDigestJob extends TenantJobData {
  batchId: string;
  /** The batch's due time this job was added for: a batch moved on since waits for its own job. */
  dueAt: string;
}

export type ScheduledJob = ReminderJob | FeedbackRequestJob | FacilitatorDigestJob | AlertDigestJob;
