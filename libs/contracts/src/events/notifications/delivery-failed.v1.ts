import { z } from 'zod';
import { defineEvent } from '../../event-definition';
import { Topic } from '../../topics';
import { DELIVERY_EXAMPLE, deliveryPartitionKey, deliveryShape } from './delivery-shape';

export const DELIVERY_FAILED_V1 = defineEvent({
  type: 'notifications.delivery-failed',
  version: 1,
  topic: Topic.Notifications,
  description:
    'A message could not be delivered. When `permanent` is false it will be retried (a later delivery-sent or ' +
    'delivery-failed follows for the same deliveryId); when true the notifications service gave up.',
  schema: z.object({
    ...deliveryShape,
    permanent: z.boolean().describe('true: no further attempt (e.g. address rejected, retries exhausted)'),
    error: z.string().min(1).describe('why, as the mail server or the renderer said it (no message content)'),
  }),
  partitionKey: deliveryPartitionKey,
  keyedBy: 'registrationId, or deliveryId when the message concerns no registration',
  example: {
    ...DELIVERY_EXAMPLE,
    attempts: 5,
    permanent: true,
    error: '550 5.1.1 mailbox unavailable',
  },
});

export type DeliveryFailedV1 = z.infer<typeof DELIVERY_FAILED_V1.schema>;
