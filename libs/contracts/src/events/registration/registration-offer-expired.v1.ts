import { z } from 'zod';
import { defineEvent, keyedBySession } from '../../event-definition';
import { Topic } from '../../topics';
import { EXAMPLE_IDS, EXAMPLE_RECIPIENT, EXAMPLE_SESSION } from '../examples';
import { instantSchema, recipientShape, registrationRefShape, sessionSnapshotSchema } from '../fragments';

export const REGISTRATION_OFFER_EXPIRED_V1 = defineEvent({
  type: 'registration.offer-expired',
  version: 1,
  topic: Topic.Registration,
  description:
    'An offered seat was not accepted in time: the registration is expired and the seat goes to the next ' +
    'waitlisted participant. The participant is told the seat was released.',
  schema: z.object({
    ...registrationRefShape,
    ...recipientShape,
    offerExpiresAt: instantSchema,
    session: sessionSnapshotSchema,
  }),
  ...keyedBySession,
  example: {
    ...EXAMPLE_IDS,
    ...EXAMPLE_RECIPIENT,
    offerExpiresAt: '2026-01-21T09:00:00.000Z',
    session: EXAMPLE_SESSION,
  },
});

export type RegistrationOfferExpiredV1 = z.infer<typeof REGISTRATION_OFFER_EXPIRED_V1.schema>;
