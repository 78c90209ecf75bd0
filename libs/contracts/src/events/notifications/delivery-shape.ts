import { z } from 'zod';

/** Why a message was sent: what its delivery's causationEventId names (notifications' delivery.cause_kind). */
export const DELIVERY_CAUSE_KINDS = [
  'event',
  'reminder',
  'feedback-request',
  'facilitator-digest',
  'alert',
  'coordinator-message',
] as const;
export type DeliveryCauseKind = (typeof DELIVERY_CAUSE_KINDS)[number];

/** What notifications.delivery-sent and .delivery-failed (v1) share. */
export const deliveryShape = {
  deliveryId: z.uuid(),
  template: z.string().min(1).describe('template key, e.g. registration-confirmed'),
  channel: z.enum(['email', 'sms']),
  recipient: z
    .string()
    .regex(/\*/, 'recipient must be masked')
    .describe('masked address, e.g. c***@e***.org; never the address itself'),
  causationEventId: z
    .uuid()
    .describe(
      'id of the event the message answers (also the envelope causationId); for a message no single event causes ' +
        '(see causeKind) an id derived from what it is about, stable across retries',
    ),
  causeKind: z
    .enum(DELIVERY_CAUSE_KINDS)
    .optional()
    .describe(
      'event: causationEventId names a platform event; alert: a new-session alert (its confirmation or a publication batch); otherwise a derived id (absent = event)',
    ),
  registrationId: z
    .uuid()
    .nullable()
    .describe('the registration the message is about; null for messages about no registration'),
  attempts: z.number().int().positive().describe('send attempts made so far, this one included'),
};

export const DELIVERY_EXAMPLE = {
  deliveryId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c0a',
  template: 'registration-confirmed',
  channel: 'email' as const,
  recipient: 'c***@e***.org',
  causationEventId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c0b',
  registrationId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c07',
  attempts: 1,
};

/** Delivery events are keyed by registration (all messages of one registration in order), else by delivery. */
export function deliveryPartitionKey(data: { registrationId: string | null; deliveryId: string }): string {
  return data.registrationId ?? data.deliveryId;
}
