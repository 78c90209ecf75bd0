import { z } from 'zod';
import { defineEvent, keyedBySession } from '../../event-definition';
import { registrationRefShape } from '../fragments';
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
    ...registrationRefShape,
  }),
  ...keyedBySession,
  example: EXAMPLE_IDS,
});

export type RegistrationOfferAcceptedV1 = z.infer<typeof REGISTRATION_OFFER_ACCEPTED_V1.schema>;
