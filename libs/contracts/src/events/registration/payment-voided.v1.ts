import { z } from 'zod';
import { defineEvent, keyedBySession } from '../../event-definition';
import { Topic } from '../../topics';
import { EXAMPLE_PAYMENT_REF } from '../examples';
import { paymentRefShape } from '../fragments';

export const PAYMENT_VOIDED_V1 = defineEvent({
  type: 'registration.payment-voided',
  version: 1,
  topic: Topic.Registration,
  description:
    'A payment recorded by mistake was voided (a correction is a void and a new payment): it no longer counts in the amounts collected.',
  schema: z.object(paymentRefShape),
  ...keyedBySession,
  example: EXAMPLE_PAYMENT_REF,
});

export type PaymentVoidedV1 = z.infer<typeof PAYMENT_VOIDED_V1.schema>;
