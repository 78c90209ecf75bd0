import { z } from 'zod';
import { defineEvent, keyedBySession } from '../../event-definition';
import { Topic } from '../../topics';
import { EXAMPLE_IDS, EXAMPLE_RECIPIENT, EXAMPLE_SESSION_WITH_CANCEL_LINK } from '../examples';
import { recipientShape, registrationRefShape, sessionWithCancelLinkShape } from '../fragments';

export const REGISTRATION_WAITLISTED_V1 = defineEvent({
  type: 'registration.waitlisted',
  version: 1,
  topic: Topic.Registration,
  description:
    'A participant asked for a full session and joined its waitlist (first come, first served). They are told ' +
    'their position and how to leave the waitlist.',
  schema: z.object({
    ...registrationRefShape,
    ...recipientShape,
    position: z.number().int().positive().describe('1 = next to be offered a seat, at the time of the event'),
    ...sessionWithCancelLinkShape,
  }),
  ...keyedBySession,
  example: {
    ...EXAMPLE_IDS,
    ...EXAMPLE_RECIPIENT,
    position: 3,
    ...EXAMPLE_SESSION_WITH_CANCEL_LINK,
  },
});

export type RegistrationWaitlistedV1 = z.infer<typeof REGISTRATION_WAITLISTED_V1.schema>;
