import { z } from 'zod';
import { defineEvent } from '../../event-definition';
import { Topic } from '../../topics';
import { EXAMPLE_IDS } from '../examples';

export const PAYMENT_VOIDED_V1 = defineEvent({
  type: 'registration.payment-voided',
  version: 1,
  topic: Topic.Registration,
  description:
    'A payment recorded by mistake was voided (a correction is a void and a new payment): it no longer counts in the amounts collected.',
  schema: z.object({
    paymentId: z.uuid(),
    registrationId: z.uuid(),
    sessionId: z.uuid(),
  }),
  partitionKey: (data) => data.sessionId,
  keyedBy: 'sessionId',
  example: {
    paymentId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c10',
    registrationId: EXAMPLE_IDS.registrationId,
    sessionId: EXAMPLE_IDS.sessionId,
  },
});

export type PaymentVoidedV1 = z.infer<typeof PAYMENT_VOIDED_V1.schema>;
