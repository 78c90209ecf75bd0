import { z } from 'zod';
import { defineEvent, keyedBySession } from '../../event-definition';
import { Topic } from '../../topics';
import { EXAMPLE_IDS, EXAMPLE_LINK_BASE, EXAMPLE_RECIPIENT, EXAMPLE_SESSION } from '../examples';
import { participantLinkSchema, recipientShape, sessionSnapshotSchema } from '../fragments';

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
    session: sessionSnapshotSchema,
    links: z.object({ cancel: participantLinkSchema }),
  }),
  ...keyedBySession,
  example: {
    ...EXAMPLE_IDS,
    ...EXAMPLE_RECIPIENT,
    status: 'waitlisted',
    position: 2,
    session: EXAMPLE_SESSION,
    links: { cancel: `${EXAMPLE_LINK_BASE}/cancel?t=eyJhbGciOi...` },
  },
});

export type RegistrationRepeatRequestedV1 = z.infer<typeof REGISTRATION_REPEAT_REQUESTED_V1.schema>;
