import { createDocumentedDto } from '@respire/platform';
import { z } from 'zod';
import { deliveryResponse } from './deliveries.dto';

const deliverySchema = z.object({
  id: z.uuid(),
  template: z.string(),
  channel: z.enum(['email', 'sms']),
  recipient: z.string().describe('masked'),
  status: z.enum(['pending', 'sending', 'sent', 'failed', 'cancelled']),
  attempts: z.number().int(),
  interruptedAttempts: z.number().int(),
  messageId: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  error: z.string().nullable(),
  causeId: z.string(),
  causeKind: z.string(),
  registrationId: z.string().nullable(),
  sessionId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sentAt: z.string().nullable(),
});

export class DeliveryPageDto extends createDocumentedDto(
  z.object({ items: z.array(deliverySchema), nextCursor: z.string().nullable() }),
) {}

export const documentedDelivery = (v: ReturnType<typeof deliveryResponse>): z.input<typeof deliverySchema> =>
  v;
