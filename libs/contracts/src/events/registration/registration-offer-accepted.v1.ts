import { z } from 'zod';
import { defineEvent } from '../../event-definition';
import { Topic } from '../../topics';
import { EXAMPLE_IDS } from '../examples';

export const REGISTRATION_OFFER_ACCEPTED_V1 = defineEvent({
  type: 'registration.offer-accepted',
  version: 1,
  topic: Topic.Registration,
  description:
    "A participant accepted the seat offered to them. Always written together with registration.confirmed (via 'offer'), " +
    'which is the event to act on for messages and seat counts; this one records the waitlist outcome.',
  schema: z.object({
    registrationId: z.uuid(),
    sessionId: z.uuid(),
    participantId: z.uuid().describe('pseudonymous participant id, stable per tenant'),
  }),
  partitionKey: (data) => data.sessionId,
  keyedBy: 'sessionId',
  example: EXAMPLE_IDS,
});

export type RegistrationOfferAcceptedV1 = z.infer<typeof REGISTRATION_OFFER_ACCEPTED_V1.schema>;
