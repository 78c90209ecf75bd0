import { z } from 'zod';
import { defineEvent, keyedBySession } from '../../event-definition';
import { registrationRefShape } from '../fragments';
import { Topic } from '../../topics';
import { EXAMPLE_IDS } from '../examples';

export const REGISTRATION_OFFER_DECLINED_V1 = defineEvent({
  type: 'registration.offer-declined',
  version: 1,
  topic: Topic.Registration,
  description:
    'A participant declined the seat offered to them; the registration is over and the seat goes to the next ' +
    'waitlisted participant. Nothing is sent to the participant (they acted themselves).',
  schema: z.object({
    ...registrationRefShape,
  }),
  ...keyedBySession,
  example: EXAMPLE_IDS,
});

export type RegistrationOfferDeclinedV1 = z.infer<typeof REGISTRATION_OFFER_DECLINED_V1.schema>;
