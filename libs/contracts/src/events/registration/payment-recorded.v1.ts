import { z } from 'zod';
import { paymentMethodSchema } from '../../fees';
import { defineEvent, keyedBySession } from '../../event-definition';
import { Topic } from '../../topics';
import { EXAMPLE_PAYMENT_REF } from '../examples';
import { localDateSchema, paymentRefShape } from '../fragments';

export const PAYMENT_RECORDED_V1 = defineEvent({
  type: 'registration.payment-recorded',
  version: 1,
  topic: Topic.Registration,
  description:
    'A coordinator recorded a payment for a registration (paid to the CPTS outside Respire). Recorded once: ' +
    'sending the same payment again (same Idempotency-Key) publishes nothing. Amounts in integer euro cents.',
  schema: z.object({
    ...paymentRefShape,
    activityId: z.uuid(),
    programmeId: z.uuid().nullable(),
    amountCents: z.number().int().positive(),
    method: paymentMethodSchema,
    paidOn: localDateSchema.describe('the day it was paid (local date)'),
  }),
  ...keyedBySession,
  example: {
    ...EXAMPLE_PAYMENT_REF,
    activityId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c03',
    programmeId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c02',
    amountCents: 1500,
    method: 'cheque' as const,
    paidOn: '2026-01-22',
  },
});

export type PaymentRecordedV1 = z.infer<typeof PAYMENT_RECORDED_V1.schema>;
