import { z } from 'zod';
import { defineEvent } from '../../event-definition';
import { Topic } from '../../topics';
import { DELIVERY_EXAMPLE, deliveryPartitionKey, deliveryShape } from './delivery-shape';

export const DELIVERY_SENT_V1 = defineEvent({
  type: 'notifications.delivery-sent',
  version: 1,
  topic: Topic.Notifications,
  description:
    'A message was handed to the mail (or SMS) server. Exactly one per (event, recipient, template).',
  schema: z.object(deliveryShape),
  partitionKey: deliveryPartitionKey,
  keyedBy: 'registrationId, or deliveryId when the message concerns no registration',
  example: DELIVERY_EXAMPLE,
});

export type DeliverySentV1 = z.infer<typeof DELIVERY_SENT_V1.schema>;
