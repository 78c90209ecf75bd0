import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { TEMPLATE_KEYS } from '../../templates/domain/template-key';
import { DeliveryRow } from '../infrastructure/delivery.repository';

export class ListDeliveriesQueryDto extends createZodDto(
  z
    .object({
      status: z.enum(['pending', 'sending', 'sent', 'failed', 'cancelled']).optional(),
      template: z.enum(TEMPLATE_KEYS as [string, ...string[]]).optional(),
      registrationId: z.uuid().optional(),
      cursor: z.uuid().optional().describe('nextCursor of the previous page'),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    })
    .strict(),
) {}

/** A delivery as coordinators see it: the recipient masked, never the message content. */
export function deliveryResponse(row: DeliveryRow) {
  return {
    id: row.id,
    template: row.template,
    channel: row.channel,
    recipient: row.recipient_masked,
    status: row.status,
    attempts: row.attempts,
    interruptedAttempts: row.interrupted_attempts,
    messageId: row.message_id,
    providerMessageId: row.provider_message_id,
    error: row.error,
    causeId: row.cause_id,
    causeKind: row.cause_kind,
    registrationId: row.registration_id,
    sessionId: row.session_id,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    sentAt: row.sent_at ? new Date(row.sent_at).toISOString() : null,
  };
}
