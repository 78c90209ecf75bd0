import { z } from 'zod';
import { defineEvent, keyedBySession } from '../../event-definition';
import { Topic } from '../../topics';
import { EXAMPLE_IDS, EXAMPLE_RECIPIENT, EXAMPLE_SESSION_WITH_CANCEL_LINK } from '../examples';
import { recipientShape, sessionWithCancelLinkShape } from '../fragments';

export const REGISTRATION_REPEAT_REQUESTED_V1 = defineEvent({
  type: 'registration.repeat-requested',
  version: 1,
  topic: Topic.Registration,
  description:
    'Someone asked, on the public route, to register an address that already holds a registration to this ' +
    'session (confirmed, waitlisted or offered). The public answer did not say so — it would tell anyone whether ' +
    'an address is registered — and nothing changed: the participant is told their current status by mail.',
  schema: z.object({
    registrationId: z.uuid().describe('the registration the participant already holds'),
    sessionId: z.uuid(),
    participantId: z.uuid().describe('pseudonymous participant id, stable per tenant'),
    ...recipientShape,
    status: z.enum(['confirmed', 'waitlisted', 'offered']),
    position: z.number().int().positive().nullable().describe('waitlist position when waitlisted, else null'),
    ...sessionWithCancelLinkShape,
  }),
  ...keyedBySession,
  example: {
    ...EXAMPLE_IDS,
    ...EXAMPLE_RECIPIENT,
    status: 'waitlisted',
    position: 2,
    ...EXAMPLE_SESSION_WITH_CANCEL_LINK,
  },
});

export type RegistrationRepeatRequestedV1 = z.infer<typeof REGISTRATION_REPEAT_REQUESTED_V1.schema>;
