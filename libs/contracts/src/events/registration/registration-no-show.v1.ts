import { z } from 'zod';
import { defineEvent, keyedBySession } from '../../event-definition';
import { registrationRefShape } from '../fragments';
import { Topic } from '../../topics';
import { EXAMPLE_IDS } from '../examples';

export const REGISTRATION_NO_SHOW_V1 = defineEvent({
  type: 'registration.no-show',
  version: 1,
  topic: Topic.Registration,
  description:
    'A confirmed participant did not come: marked absent by the facilitator, or not checked in when attendance ' +
    'was closed after the session. Nothing is sent to the participant.',
  schema: z.object({
    ...registrationRefShape,
  }),
  ...keyedBySession,
  example: EXAMPLE_IDS,
});

export type RegistrationNoShowV1 = z.infer<typeof REGISTRATION_NO_SHOW_V1.schema>;
